package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/** fo against ip_vs_fo.c: the highest weight not overloaded; ties to the first in the kernel list. */
class WeightedFailoverTest {

    private final TestDest a = TestDest.of("A", 1, 5);
    private final TestDest b = TestDest.of("B", 2, 10);
    private final TestDest c = TestDest.of("C", 3, 10);
    private final Scheduler<TestDest> fo = new WeightedFailover<>();

    @Test
    void theHighestWeightTakesEverythingTiesToTheNewest() {
        fo.update(List.of(a, b, c));
        assertThat(picks(fo, 3)).isEqualTo("C C C");
    }

    @Test
    void failsOverInWeightOrder() {
        fo.update(List.of(a, b, c));
        c.overloaded = true;
        assertThat(picks(fo, 1)).isEqualTo("B");
        b.weight = 0;
        assertThat(picks(fo, 1)).isEqualTo("A");
        a.overloaded = true;
        assertThat(picks(fo, 1)).isEqualTo("-");
    }

    @Test
    void connectionCountsDoNotMatter() {
        c.conns(1_000_000, 0);
        fo.update(List.of(a, b, c));
        assertThat(picks(fo, 1)).isEqualTo("C");
        fo.update(List.of(a, b));
        assertThat(picks(fo, 1)).isEqualTo("B");
    }
}
