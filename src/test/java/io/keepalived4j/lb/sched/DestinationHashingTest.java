package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static io.keepalived4j.lb.sched.TestDest.to;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * dh against ip_vs_dh.c. Added A, B, C: the kernel's list C, B, A fills the 256 buckets C B A C B A
 * ..., so bucket i holds [C, B, A][i % 3]; a connection to address X uses bucket hash_32(ntohl(X), 8):
 * <pre>
 * 10.1.0.1 0x0a010001 * 0x61c88647 mod 2^32 = 0xae0f8647, top byte 0xae = 174, 174 % 3 = 0: C
 * 10.1.0.4 0x0a010004 * 0x61c88647 mod 2^32 = 0xd369191c, 0xd3 = 211, 211 % 3 = 1: B
 * 10.1.0.3 0x0a010003 * 0x61c88647 mod 2^32 = 0x71a092d5, 0x71 = 113, 113 % 3 = 2: A
 * </pre>
 */
class DestinationHashingTest {

    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 1);
    private final TestDest c = TestDest.of("C", 3, 1);
    private final DestinationHashing<TestDest> dh = new DestinationHashing<>();

    @Test
    void fillsTheBucketsRoundTheKernelListIgnoringWeights() {
        b.weight = 7;
        dh.update(List.of(a, b, c));
        assertThat(dh.buckets()).hasSize(256);
        assertThat(dh.buckets().subList(0, 6)).containsExactly(c, b, a, c, b, a);
        assertThat(dh.buckets().get(255)).isSameAs(c); // 255 % 3 = 0
    }

    @Test
    void mapsEachDestinationAddressToItsBucket() {
        dh.update(List.of(a, b, c));
        assertThat(picks(dh, 2, to("10.1.0.1"))).isEqualTo("C C");
        assertThat(picks(dh, 1, to("10.1.0.4"))).isEqualTo("B");
        assertThat(picks(dh, 1, to("10.1.0.3"))).isEqualTo("A");
    }

    @Test
    void anUnavailableBucketDestinationMeansNoDestination() {
        dh.update(List.of(a, b, c));
        c.weight = 0;
        assertThat(picks(dh, 1, to("10.1.0.1"))).isEqualTo("-");
        c.weight = 1;
        b.overloaded = true;
        assertThat(picks(dh, 1, to("10.1.0.4"))).isEqualTo("-");
        assertThat(picks(dh, 1, to("10.1.0.1"))).isEqualTo("C");
    }

    @Test
    void anUpdateRebuildsTheTable() {
        dh.update(List.of(a, b, c));
        dh.update(List.of(a, c));
        // list C, A: bucket 174 is even: C; 211 odd: A
        assertThat(picks(dh, 1, to("10.1.0.1"))).isEqualTo("C");
        assertThat(picks(dh, 1, to("10.1.0.4"))).isEqualTo("A");
        dh.update(List.of());
        assertThat(picks(dh, 1, to("10.1.0.4"))).isEqualTo("-");
    }
}
