package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ovf against ip_vs_ovf.c: the highest weight among destinations with {@code activeconns <= weight};
 * a destination thus takes weight + 1 connections before the next heaviest gets any.
 */
class WeightedOverflowTest {

    private final TestDest a = TestDest.of("A", 1, 3);
    private final TestDest b = TestDest.of("B", 2, 5);
    private final TestDest c = TestDest.of("C", 3, 2);
    private final Scheduler<TestDest> ovf = new WeightedOverflow<>();

    /** Each pick opens a connection on the destination it returns. */
    private String connect(int n) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < n; i++) {
            Optional<TestDest> d = ovf.pick(TestDest.ANY);
            d.ifPresent(x -> x.active++);
            j.add(TestDest.name(d));
        }
        return j.toString();
    }

    @Test
    void fillsTheHeaviestThenOverflowsToTheNext() {
        ovf.update(List.of(a, b, c));
        // B (5) while active 0..5, A (3) while 0..3, C (2) while 0..2, then none
        assertThat(connect(14)).isEqualTo("B B B B B B A A A A C C C -");
        b.active = 4;
        assertThat(connect(1)).isEqualTo("B");
    }

    @Test
    void tiesGoToTheNewestAndOverloadedOrQuiescedAreSkipped() {
        TestDest d = TestDest.of("D", 4, 5);
        ovf.update(List.of(a, b, c, d));
        assertThat(connect(1)).isEqualTo("D");
        d.overloaded = true;
        assertThat(connect(1)).isEqualTo("B");
        b.weight = 0;
        assertThat(connect(1)).isEqualTo("A");
    }
}
