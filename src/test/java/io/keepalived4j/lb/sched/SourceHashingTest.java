package io.keepalived4j.lb.sched;

import io.keepalived4j.config.model.lvs.SchedulerFlag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.keepalived4j.lb.sched.TestDest.from;
import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sh against ip_vs_sh.c. A (weight 1), B (2), C (1) added in that order: the kernel's list C, B, A
 * fills the 256 buckets C B B A C B B A ..., so bucket i holds [C, B, B, A][i % 4]. A client X goes
 * to bucket hash_32(port + ntohl(X), 8), the port only with sh-port:
 * <pre>
 * 192.168.1.10 0xc0a8010a * 0x61c88647 mod 2^32 = 0xf8f385c6: 248, 248 % 4 = 0: C
 * 192.168.1.11 0xc0a8010b -> 0x5abc0c0d: 90, 90 % 4 = 2: B
 * 10.1.0.2     0x0a010002 -> 0x0fd80c8e: 15, 15 % 4 = 3: A
 * 192.168.1.10 port 1 with sh-port: 0xc0a8010a + 1 = 0xc0a8010b: as .11, B
 * </pre>
 */
class SourceHashingTest {

    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 2);
    private final TestDest c = TestDest.of("C", 3, 1);

    private static SourceHashing<TestDest> sh(SchedulerFlag... flags) {
        Set<SchedulerFlag> f = Set.of(flags);
        return new SourceHashing<>(Schedulers.port(f), Schedulers.fallback(f));
    }

    @Test
    void eachDestinationTakesWeightBucketsInARow() {
        SourceHashing<TestDest> sh = sh();
        sh.update(List.of(a, b, c));
        assertThat(sh.buckets().subList(0, 8)).containsExactly(c, b, b, a, c, b, b, a);
        b.weight = 1000; // capped by the table: B fills everything after C
        sh.update(List.of(a, b, c));
        assertThat(sh.buckets().subList(0, 3)).containsExactly(c, b, b);
        assertThat(sh.buckets().get(255)).isSameAs(b);
    }

    @Test
    void aWeightZeroDestinationKeepsOneBucket() {
        SourceHashing<TestDest> sh = sh();
        b.weight = 0;
        sh.update(List.of(a, b, c));
        assertThat(sh.buckets().subList(0, 6)).containsExactly(c, b, a, c, b, a);
    }

    @Test
    void hashesTheClientAddress() {
        SourceHashing<TestDest> sh = sh();
        sh.update(List.of(a, b, c));
        assertThat(picks(sh, 2, from("192.168.1.10", 5555))).isEqualTo("C C");
        assertThat(picks(sh, 1, from("192.168.1.10", 1))).isEqualTo("C");
        assertThat(picks(sh, 1, from("192.168.1.11", 1))).isEqualTo("B");
        assertThat(picks(sh, 1, from("10.1.0.2", 1))).isEqualTo("A");
    }

    @Test
    void shPortAddsTheClientPort() {
        SourceHashing<TestDest> sh = sh(SchedulerFlag.SH_PORT);
        sh.update(List.of(a, b, c));
        assertThat(picks(sh, 1, from("192.168.1.10", 0))).isEqualTo("C");
        assertThat(picks(sh, 1, from("192.168.1.10", 1))).isEqualTo("B");
        SourceHashing<TestDest> flag2 = sh(SchedulerFlag.FLAG_2);
        flag2.update(List.of(a, b, c));
        assertThat(picks(flag2, 1, from("192.168.1.10", 1))).isEqualTo("B");
    }

    @Test
    void withoutFallbackAnUnavailableBucketMeansNoDestination() {
        SourceHashing<TestDest> sh = sh();
        sh.update(List.of(a, b, c));
        c.weight = 0;
        assertThat(picks(sh, 1, from("192.168.1.10", 0))).isEqualTo("-");
        c.weight = 1;
        a.overloaded = true;
        assertThat(picks(sh, 1, from("10.1.0.2", 0))).isEqualTo("-");
    }

    /**
     * 192.168.1.10: ihash 248 (C, quiesced). The walk: offset 0, roffset 248, bucket (248 + 248) &
     * 255 = 240, 240 % 4 = 0: C again; offset 1, roffset 249, bucket 241: B.
     * 10.1.0.2: ihash 15 (A, overloaded); offset 0: bucket 30, 30 % 4 = 2: B.
     */
    @Test
    void shFallbackWalksOnFromTwiceTheHash() {
        SourceHashing<TestDest> sh = sh(SchedulerFlag.SH_FALLBACK);
        sh.update(List.of(a, b, c));
        c.weight = 0;
        assertThat(picks(sh, 1, from("192.168.1.10", 0))).isEqualTo("B");
        c.weight = 1;
        a.overloaded = true;
        assertThat(picks(sh, 1, from("10.1.0.2", 0))).isEqualTo("B");
        b.overloaded = true;
        c.overloaded = true;
        assertThat(picks(sh, 1, from("10.1.0.2", 0))).isEqualTo("-");
        SourceHashing<TestDest> flag1 = sh(SchedulerFlag.FLAG_1);
        flag1.update(List.of(a, b, c));
        c.overloaded = false;
        assertThat(picks(flag1, 1, from("10.1.0.2", 0))).isEqualTo("C");
    }

    @Test
    void anEmptyServiceHasNoDestination() {
        SourceHashing<TestDest> sh = sh(SchedulerFlag.SH_FALLBACK);
        assertThat(picks(sh, 1, from("10.1.0.2", 0))).isEqualTo("-");
        sh.update(List.of(a));
        sh.update(List.of());
        assertThat(picks(sh, 1, from("10.1.0.2", 0))).isEqualTo("-");
    }
}
