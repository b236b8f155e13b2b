package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.VrrpStateMachine.Mutation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the simulation suite can fail: with a deliberately broken rule, the same random
 * schedules find a violated invariant within a bounded number of seeds.
 */
class MutationDetectionTest {

    private static final int MAX_SEEDS = 2_000;

    @ParameterizedTest
    @EnumSource(value = Mutation.class, names = {"NO_SKEW", "IGNORE_PRIORITY_ZERO", "PREEMPT_INVERTED"})
    void brokenRuleIsFoundWithinABoundedNumberOfSeeds(Mutation mutation) {
        long found = -1;
        String first = "";
        for (long seed = 1; seed <= MAX_SEEDS && found < 0; seed++) {
            RandomSchedules.Outcome o = RandomSchedules.run(seed, mutation);
            if (!o.violations().isEmpty()) {
                found = seed;
                first = o.violations().getFirst();
            }
        }
        System.out.println("mutation " + mutation + ": first violation at seed " + found + ": " + first);
        assertThat(found).as("a violation found for " + mutation).isPositive();
    }
}
