package io.keepalived4j.vrrp.sim;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sync groups, unicast peers and trackers in the simulated network over seeded random schedules.
 * Replay one with {@code -Dvrrp.group.seed=N -Dvrrp.group.count=1}.
 */
class SyncGroupSimulationTest {

    private static final long FIRST_SEED = Long.getLong("vrrp.group.seed", 1L);
    private static final int COUNT = Integer.getInteger("vrrp.group.count", 3_000);

    @Test
    void syncGroupsMoveTogetherAndTheBestHostHoldsEveryVridOnceQuiet() {
        Map<String, Integer> faults = new TreeMap<>();
        int unicast = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
            GroupSchedules.Outcome o = GroupSchedules.run(seed);
            assertThat(o.violations()).as("seed %d (replay: -Dvrrp.group.seed=%d -Dvrrp.group.count=1)", seed, seed)
                    .isEmpty();
            o.faults().forEach(f -> faults.merge(f, 1, Integer::sum));
            unicast += o.unicast() ? 1 : 0;
        }
        System.out.println("VRRP sync-group simulation: " + COUNT + " schedules (" + unicast + " unicast), faults: " + faults);
        if (COUNT >= 1000) {
            assertThat(faults).containsOnlyKeys("host death", "graceful stop", "weighted script down", "member fault",
                    "partition");
            assertThat(unicast).isBetween(COUNT / 3, 2 * COUNT / 3);
        }
    }

    @Test
    void withoutTheSyncGroupTheSuiteFindsASplitGroup() {
        long found = -1;
        for (long seed = 1; seed <= 500 && found < 0; seed++) {
            if (!GroupSchedules.run(seed, false).violations().isEmpty()) {
                found = seed;
            }
        }
        System.out.println("sync group removed: first violation at seed " + found);
        assertThat(found).as("a violation found without the sync group").isPositive();
    }
}
