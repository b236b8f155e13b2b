package io.keepalived4j.vrrp.sim;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real VRRP state machine in a simulated network over many seeded random schedules. Replay one
 * with {@code -Dvrrp.sim.seed=N -Dvrrp.sim.count=1}; the failing seed is in the message.
 */
class SimulationInvariantsTest {

    private static final long FIRST_SEED = Long.getLong("vrrp.sim.seed", 1L);
    private static final int COUNT = Integer.getInteger("vrrp.sim.count", 10_000);

    @Test
    void oneMasterWithTheHighestPriorityOnceQuietAndVipsOnlyOnMasters() {
        java.util.Map<String, Integer> covered = new java.util.TreeMap<>();
        java.util.Map<String, Integer> checked = new java.util.TreeMap<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
            RandomSchedules.Outcome o = RandomSchedules.run(seed);
            assertThat(o.violations()).as("seed %d (replay: -Dvrrp.sim.seed=%d -Dvrrp.sim.count=1)", seed, seed).isEmpty();
            o.transitions().forEach(t -> covered.merge(t, 1, Integer::sum));
            o.checksRun().forEach(c -> checked.merge(c, 1, Integer::sum));
        }
        System.out.println("VRRP simulation: event-bound checks run (schedules): " + checked);
        System.out.println("VRRP simulation: " + COUNT + " schedules, transitions covered (schedules): " + covered);
        if (COUNT >= 1000) {
            assertThat(covered).containsKeys("INIT -> BACKUP", "INIT -> MASTER", "BACKUP -> MASTER", "MASTER -> BACKUP",
                    "MASTER -> STOP", "BACKUP -> STOP", "MASTER -> FAULT", "BACKUP -> FAULT", "FAULT -> BACKUP");
            // Each timing invariant bound to an event must really have been checked, many times.
            assertThat(checked).containsOnlyKeys("takeover window", "partition heal", "restart with preempt",
                    "restart with nopreempt");
            assertThat(checked.values()).allMatch(n -> n >= COUNT / 100);
        }
    }
}
