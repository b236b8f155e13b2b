package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/** rr against ip_vs_rr.c. Destinations added A, B, C are the kernel's list C, B, A (new ones at the head). */
class RoundRobinTest {

    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 1);
    private final TestDest c = TestDest.of("C", 3, 1);
    private final Scheduler<TestDest> rr = new RoundRobin<>();

    @Test
    void walksTheKernelListNewestFirstFromTheHead() {
        rr.update(List.of(a, b, c));
        assertThat(picks(rr, 7)).isEqualTo("C B A C B A C");
    }

    @Test
    void skipsQuiescedAndOverloadedDestinations() {
        rr.update(List.of(a, b, c));
        b.weight = 0;
        assertThat(picks(rr, 4)).isEqualTo("C A C A");
        b.weight = 1;
        c.overloaded = true;
        // cursor at A: B, then A, (C skipped) B, A
        assertThat(picks(rr, 4)).isEqualTo("B A B A");
    }

    @Test
    void noDestinationWhenNoneIsAvailableAndTheCursorStays() {
        rr.update(List.of(a, b, c));
        assertThat(picks(rr, 2)).isEqualTo("C B");
        a.overloaded = b.overloaded = c.overloaded = true;
        assertThat(picks(rr, 2)).isEqualTo("- -");
        a.overloaded = b.overloaded = c.overloaded = false;
        assertThat(picks(rr, 2)).isEqualTo("A C");
    }

    @Test
    void aNewDestinationGoesToTheHeadAndTheCursorStays() {
        rr.update(List.of(a, b, c));
        assertThat(picks(rr, 1)).isEqualTo("C");
        TestDest d = TestDest.of("D", 4, 1);
        // kernel list D, C, B, A; the cursor is still at C
        rr.update(List.of(a, b, c, d));
        assertThat(picks(rr, 5)).isEqualTo("B A D C B");
    }

    @Test
    void removingTheCursorMovesItToThePreviousEntry() {
        rr.update(List.of(a, b, c));
        assertThat(picks(rr, 2)).isEqualTo("C B");
        // ip_vs_rr_del_dest: the cursor B goes to the entry before it, C; A comes next
        rr.update(List.of(a, c));
        assertThat(picks(rr, 3)).isEqualTo("A C A");
    }

    @Test
    void removingTheFirstEntryAtTheCursorMovesItToTheHead() {
        rr.update(List.of(a, b, c));
        assertThat(picks(rr, 1)).isEqualTo("C");
        rr.update(List.of(a, b));
        assertThat(picks(rr, 3)).isEqualTo("B A B");
    }

    @Test
    void aWeightChangeKeepsTheCursor() {
        rr.update(List.of(a, b, c));
        assertThat(picks(rr, 1)).isEqualTo("C");
        TestDest b5 = TestDest.of("B5", 2, 5); // same address and port as B: the same destination
        rr.update(List.of(a, b5, c));
        assertThat(picks(rr, 3)).isEqualTo("B5 A C");
    }

    @Test
    void anEmptyServiceHasNoDestination() {
        assertThat(picks(rr, 1)).isEqualTo("-");
        rr.update(List.of());
        assertThat(picks(rr, 1)).isEqualTo("-");
    }
}
