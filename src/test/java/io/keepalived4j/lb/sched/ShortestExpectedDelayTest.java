package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/** sed against ip_vs_sed.c: least (activeconns + 1) / weight; inactive connections do not count. */
class ShortestExpectedDelayTest {

    private final Scheduler<TestDest> sed = new ShortestExpectedDelay<>();

    @Test
    void countsTheNewConnectionWhereWlcWouldNot() {
        TestDest a = TestDest.of("A", 1, 1);             // (0 + 1) / 1 = 1
        TestDest b = TestDest.of("B", 2, 2).conns(1, 0); // (1 + 1) / 2 = 1
        TestDest c = TestDest.of("C", 3, 3).conns(3, 0); // (3 + 1) / 3 = 1.33
        sed.update(List.of(a, b, c));
        // list C, B, A: C 4; B: 4 * 2 > 2 * 3 -> B; A: 2 * 1 > 1 * 2 is false -> B (wlc would take A: 0 / 1)
        assertThat(picks(sed, 1)).isEqualTo("B");
        WeightedLeastConnection<TestDest> wlc = new WeightedLeastConnection<>();
        wlc.update(List.of(a, b, c));
        assertThat(picks(wlc, 1)).isEqualTo("A");
    }

    @Test
    void prefersTheHeavierIdleServer() {
        TestDest a = TestDest.of("A", 1, 1);
        TestDest b = TestDest.of("B", 2, 5);
        sed.update(List.of(a, b));
        // (0 + 1) / 5 < (0 + 1) / 1: B takes the first five, then (5 + 1) / 5 > (0 + 1) / 1
        b.active = 5;
        assertThat(picks(sed, 1)).isEqualTo("A");
        b.active = 4; // (4 + 1) / 5 = 1 = (0 + 1) / 1: tie, B is first in the list
        assertThat(picks(sed, 1)).isEqualTo("B");
    }

    @Test
    void ignoresInactiveConnectionsAndSkipsOverloadedAndWeightZero() {
        TestDest a = TestDest.of("A", 1, 1).conns(0, 1000);
        TestDest b = TestDest.of("B", 2, 1).conns(1, 0);
        TestDest c = TestDest.of("C", 3, 0);
        sed.update(List.of(a, b, c));
        assertThat(picks(sed, 1)).isEqualTo("A");
        a.overloaded = true;
        assertThat(picks(sed, 1)).isEqualTo("B");
        b.overloaded = true;
        assertThat(picks(sed, 1)).isEqualTo("-");
    }
}
