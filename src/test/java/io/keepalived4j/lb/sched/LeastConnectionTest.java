package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/** lc against ip_vs_lc.c: least activeconns * 256 + inactconns; the kernel's list is newest first. */
class LeastConnectionTest {

    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 1);
    private final TestDest c = TestDest.of("C", 3, 1);
    private final Scheduler<TestDest> lc = new LeastConnection<>();

    @Test
    void tiesGoToTheFirstInTheKernelListTheNewest() {
        lc.update(List.of(a, b, c));
        assertThat(picks(lc, 1)).isEqualTo("C");
        c.conns(1, 0);
        // C 256, B 0, A 0: B comes first
        assertThat(picks(lc, 1)).isEqualTo("B");
    }

    @Test
    void countsAnActiveConnectionAs256InactiveOnes() {
        lc.update(List.of(a, b, c));
        c.conns(1, 0);   // 256
        b.conns(0, 300); // 300
        a.conns(0, 257); // 257
        assertThat(picks(lc, 1)).isEqualTo("C");
    }

    @Test
    void ignoresTheWeightExceptZero() {
        a.weight = 100;
        lc.update(List.of(a, b, c));
        a.conns(2, 0);
        b.conns(1, 0);
        c.conns(1, 0);
        c.weight = 0;
        assertThat(picks(lc, 1)).isEqualTo("B");
    }

    @Test
    void skipsOverloadedAndGivesNoneWhenAllAreSkipped() {
        lc.update(List.of(a, b, c));
        c.overloaded = true;
        b.weight = 0;
        assertThat(picks(lc, 1)).isEqualTo("A");
        a.overloaded = true;
        assertThat(picks(lc, 1)).isEqualTo("-");
    }

    @Test
    void followsUpdates() {
        lc.update(List.of(a, b));
        assertThat(picks(lc, 1)).isEqualTo("B");
        lc.update(List.of(a, b, c));
        assertThat(picks(lc, 1)).isEqualTo("C");
        lc.update(List.of(a));
        assertThat(picks(lc, 1)).isEqualTo("A");
    }
}
