package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/** wlc against ip_vs_wlc.c: least (activeconns * 256 + inactconns) / weight, as 64-bit cross products. */
class WeightedLeastConnectionTest {

    private final Scheduler<TestDest> wlc = new WeightedLeastConnection<>();

    @Test
    void picksTheLeastOverheadPerWeight() {
        TestDest a = TestDest.of("A", 1, 3).conns(6, 0); // 1536 / 3 = 512
        TestDest b = TestDest.of("B", 2, 1).conns(1, 0); // 256 / 1 = 256
        TestDest c = TestDest.of("C", 3, 2).conns(3, 0); // 768 / 2 = 384
        wlc.update(List.of(a, b, c));
        assertThat(picks(wlc, 1)).isEqualTo("B");
    }

    @Test
    void tiesKeepTheEarlierInTheKernelList() {
        TestDest a = TestDest.of("A", 1, 2).conns(2, 0); // 512 / 2
        TestDest c = TestDest.of("C", 3, 1).conns(1, 0); // 256 / 1
        wlc.update(List.of(a, c));
        // list C, A: 256 * 2 > 512 * 1 is false, C stays
        assertThat(picks(wlc, 1)).isEqualTo("C");
    }

    @Test
    void aWeightZeroDestinationNeverWinsEvenIdle() {
        TestDest a = TestDest.of("A", 1, 1).conns(9, 0);
        TestDest b = TestDest.of("B", 2, 1).conns(5, 0);
        TestDest c = TestDest.of("C", 3, 0);
        wlc.update(List.of(a, b, c));
        assertThat(picks(wlc, 1)).isEqualTo("B");
    }

    @Test
    void skipsOverloadedDestinations() {
        TestDest a = TestDest.of("A", 1, 1).conns(9, 0);
        TestDest b = TestDest.of("B", 2, 1);
        wlc.update(List.of(a, b));
        b.overloaded = true;
        assertThat(picks(wlc, 1)).isEqualTo("A");
        a.overloaded = true;
        assertThat(picks(wlc, 1)).isEqualTo("-");
    }

    @Test
    void comparesIn64Bits() {
        TestDest a = TestDest.of("A", 1, 65535).conns(8_000_000, 0); // 2 048 000 000 / 65535 = 31 251
        TestDest b = TestDest.of("B", 2, 1).conns(100_000, 0);        // 25 600 000 / 1
        wlc.update(List.of(a, b));
        // list B, A: 25 600 000 * 65535 > 2 048 000 000 * 1 (a 32-bit product would wrap)
        assertThat(picks(wlc, 1)).isEqualTo("A");
    }

    @Test
    void inactiveConnectionsCountOnce() {
        TestDest a = TestDest.of("A", 1, 1).conns(0, 300); // 300
        TestDest b = TestDest.of("B", 2, 1).conns(1, 0);   // 256
        wlc.update(List.of(a, b));
        assertThat(picks(wlc, 1)).isEqualTo("B");
    }
}
