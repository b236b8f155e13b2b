package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/** nq against ip_vs_nq.c: the first idle destination, else sed's choice. */
class NeverQueueTest {

    private final Scheduler<TestDest> nq = new NeverQueue<>();

    @Test
    void anIdleServerWinsOverAFasterBusyOne() {
        TestDest a = TestDest.of("A", 1, 1);             // idle
        TestDest b = TestDest.of("B", 2, 5).conns(3, 0); // (3 + 1) / 5 = 0.8 < 1
        TestDest c = TestDest.of("C", 3, 1).conns(2, 0);
        nq.update(List.of(a, b, c));
        assertThat(picks(nq, 1)).isEqualTo("A");
        a.active = 1;
        // no idle one: C 3; B: 3 * 5 > 4 * 1 -> B; A: 4 * 1 > 2 * 5 is false
        assertThat(picks(nq, 1)).isEqualTo("B");
    }

    @Test
    void theFirstIdleInTheKernelListWins() {
        TestDest a = TestDest.of("A", 1, 9);
        TestDest b = TestDest.of("B", 2, 1);
        nq.update(List.of(a, b));
        assertThat(picks(nq, 1)).isEqualTo("B");
    }

    @Test
    void skipsIdleServersThatAreQuiescedOrOverloaded() {
        TestDest a = TestDest.of("A", 1, 1).conns(4, 0);
        TestDest b = TestDest.of("B", 2, 0);
        TestDest c = TestDest.of("C", 3, 1);
        nq.update(List.of(a, b, c));
        c.overloaded = true;
        assertThat(picks(nq, 1)).isEqualTo("A");
        a.weight = 0;
        assertThat(picks(nq, 1)).isEqualTo("-");
    }
}
