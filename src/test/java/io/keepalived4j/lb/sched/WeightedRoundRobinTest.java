package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * wrr against ip_vs_wrr.c. Notation: list = the kernel's order (newest first), di = gcd of the
 * weights, mw = max weight - (di - 1), cw = the weight a destination needs in this pass.
 */
class WeightedRoundRobinTest {

    private final Scheduler<TestDest> wrr = new WeightedRoundRobin<>();

    @Test
    void weights432GiveTheClassicNinePickCycle() {
        TestDest a = TestDest.of("A", 1, 4);
        TestDest b = TestDest.of("B", 2, 3);
        TestDest c = TestDest.of("C", 3, 2);
        wrr.update(List.of(a, b, c));
        // list C(2) B(3) A(4); di 1, mw 4, cw 4 (was 0)
        // cw 4: A | cw 3: B A | cw 2: C B A | cw 1: C B A | cw 0 -> mw 4: A ...
        assertThat(picks(wrr, 12)).isEqualTo("A B A C B A C B A A B A");
    }

    @Test
    void theGcdIsTheStepAndTheLastPassAsksForWeightOne() {
        TestDest a = TestDest.of("A", 1, 4);
        TestDest b = TestDest.of("B", 2, 2);
        wrr.update(List.of(a, b));
        // list B(2) A(4); di 2, mw 4 - 1 = 3; cw 3: A | cw 1: B A | cw -1 -> 3: A ...
        assertThat(picks(wrr, 6)).isEqualTo("A B A A B A");
    }

    @Test
    void skipsOverloadedAndWeightZeroDestinations() {
        TestDest a = TestDest.of("A", 1, 4);
        TestDest b = TestDest.of("B", 2, 3);
        TestDest c = TestDest.of("C", 3, 2);
        TestDest z = TestDest.of("Z", 4, 0);
        wrr.update(List.of(a, b, c, z));
        a.overloaded = true;
        // list Z(0) C(2) B(3) A(4, overloaded); cw 4: none -> cw 3: B | cw 2: C B | cw 1: C B | cw 4: - -> cw 3: B
        assertThat(picks(wrr, 10)).isEqualTo("B C B C B B C B C B");
    }

    @Test
    void allOverloadedGivesNoDestinationThenResumes() {
        TestDest a = TestDest.of("A", 1, 4);
        TestDest b = TestDest.of("B", 2, 3);
        wrr.update(List.of(a, b));
        a.overloaded = b.overloaded = true;
        assertThat(picks(wrr, 2)).isEqualTo("- -");
        a.overloaded = b.overloaded = false;
        // the failed pick left cw at mw (4) and the mark at the head
        assertThat(picks(wrr, 4)).isEqualTo("A B A B");
    }

    @Test
    void allWeightsZeroGivesNoDestination() {
        wrr.update(List.of(TestDest.of("A", 1, 0), TestDest.of("B", 2, 0)));
        assertThat(picks(wrr, 2)).isEqualTo("- -");
        wrr.update(List.of());
        assertThat(picks(wrr, 1)).isEqualTo("-");
    }

    @Test
    void anUpdateRestartsFromTheHeadAndKeepsTheCurrentWeight() {
        TestDest a = TestDest.of("A", 1, 4);
        TestDest b = TestDest.of("B", 2, 3);
        TestDest c = TestDest.of("C", 3, 2);
        wrr.update(List.of(a, b, c));
        assertThat(picks(wrr, 4)).isEqualTo("A B A C"); // now cw 2, mark at C
        TestDest d = TestDest.of("D", 4, 1);
        wrr.update(List.of(a, b, c, d));
        // list D(1) C(2) B(3) A(4); di 1, mw 4; cw 2 kept (not > mw, di 1); mark at the head
        // cw 2: C B A | cw 1: D C B A | cw 4: A | cw 3: B A | cw 2: C B A
        assertThat(picks(wrr, 13)).isEqualTo("C B A D C B A A B A C B A");
    }

    @Test
    void anUpdateWithAGcdAboveOneRoundsTheCurrentWeight() {
        TestDest a = TestDest.of("A", 1, 4);
        TestDest b = TestDest.of("B", 2, 2);
        wrr.update(List.of(a, b));
        assertThat(picks(wrr, 2)).isEqualTo("A B"); // cw 1
        TestDest c = TestDest.of("C", 3, 6);
        wrr.update(List.of(a, b, c));
        // list C(6) B(2) A(4); di 2, mw 5; cw = (1 / 2) * 2 + 1 = 1
        // cw 1: C B A | cw -1 -> 5: C | cw 3: C A | cw 1: C B A
        assertThat(picks(wrr, 9)).isEqualTo("C B A C C A C B A");
    }
}
