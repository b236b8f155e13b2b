package io.keepalived4j.lb.sched;

import io.keepalived4j.config.model.lvs.SchedulerFlag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scheduler.create: the kernel's names, its flag bits, and what update() accepts. */
class SchedulerFactoryTest {

    @Test
    void createsEachKernelScheduler() {
        Map<String, Class<?>> expected = Map.ofEntries(
                Map.entry("rr", RoundRobin.class), Map.entry("wrr", WeightedRoundRobin.class),
                Map.entry("lc", LeastConnection.class), Map.entry("wlc", WeightedLeastConnection.class),
                Map.entry("lblc", LocalityBasedLeastConnection.class),
                Map.entry("lblcr", LocalityBasedLeastConnectionWithReplication.class),
                Map.entry("dh", DestinationHashing.class), Map.entry("sh", SourceHashing.class),
                Map.entry("sed", ShortestExpectedDelay.class), Map.entry("nq", NeverQueue.class),
                Map.entry("fo", WeightedFailover.class), Map.entry("ovf", WeightedOverflow.class),
                Map.entry("mh", MaglevHash.class));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(Schedulers.NAMES);
        expected.forEach((name, type) ->
                assertThat(Scheduler.<TestDest>create(name, Set.of())).as(name).isInstanceOf(type));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Scheduler.create("wrrr", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scheduler 'wrrr': known are rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh");
        assertThatThrownBy(() -> Scheduler.create("RR", Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scheduler.create(null, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagOneIsFallbackAndFlagTwoIsPortForShAndMh() {
        Set<SchedulerFlag> none = Set.of();
        assertThat(Schedulers.fallback(Set.of(SchedulerFlag.FLAG_1))).isTrue();
        assertThat(Schedulers.fallback(Set.of(SchedulerFlag.SH_FALLBACK))).isTrue();
        assertThat(Schedulers.fallback(Set.of(SchedulerFlag.MH_FALLBACK))).isTrue();
        assertThat(Schedulers.port(Set.of(SchedulerFlag.FLAG_2))).isTrue();
        assertThat(Schedulers.port(Set.of(SchedulerFlag.SH_PORT))).isTrue();
        assertThat(Schedulers.port(Set.of(SchedulerFlag.MH_PORT))).isTrue();
        assertThat(Schedulers.fallback(Set.of(SchedulerFlag.FLAG_2, SchedulerFlag.FLAG_3, SchedulerFlag.HASHED)))
                .isFalse();
        assertThat(Schedulers.port(Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.OPS))).isFalse();
        assertThat(Schedulers.port(none) || Schedulers.fallback(none)).isFalse();
    }

    @Test
    void mhFlagsReachTheScheduler() {
        TestDest a = TestDest.of("A", 1, 1);
        TestDest b = TestDest.of("B", 2, 1);
        TestDest c = TestDest.of("C", 3, 1);
        Scheduler<TestDest> plain = Scheduler.create("mh", Set.of());
        Scheduler<TestDest> flagged = Scheduler.create("mh", Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2));
        plain.update(List.of(a, b, c));
        flagged.update(List.of(a, b, c));
        a.weight = b.weight = 0;
        plain.update(List.of(a, b, c));
        flagged.update(List.of(a, b, c));
        // with fallback every client finds C; without, only those hashed to C's positions
        int plainHits = 0;
        for (int port = 1; port <= 200; port++) {
            SchedRequest r = TestDest.from("192.168.1.10", port);
            assertThat(flagged.pick(r)).containsSame(c);
            plainHits += plain.pick(r).isPresent() ? 1 : 0;
        }
        assertThat(plainHits).isIn(0, 200); // mh without mh-port ignores the port: all or none
    }

    @Test
    void updateRefusesADestinationGivenTwice() {
        Scheduler<TestDest> rr = Scheduler.create("rr", Set.of());
        TestDest a = TestDest.of("A", 1, 1);
        TestDest a2 = TestDest.of("A2", 1, 5);
        assertThatThrownBy(() -> rr.update(List.of(a, a2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.1:80 given twice");
    }

    @Test
    void theSameAddressOnAnotherPortIsAnotherDestination() {
        Scheduler<TestDest> rr = Scheduler.create("rr", Set.of());
        TestDest a = TestDest.of("A", "10.0.0.1", 80, 1);
        TestDest a8080 = TestDest.of("A8080", "10.0.0.1", 8080, 1);
        rr.update(List.of(a, a8080));
        assertThat(TestDest.picks(rr, 2)).isEqualTo("A8080 A");
    }
}
