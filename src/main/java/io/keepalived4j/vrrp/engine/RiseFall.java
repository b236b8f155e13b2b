package io.keepalived4j.vrrp.engine;

/**
 * A vrrp_script's state from its results: {@code rise} consecutive successes to count as up,
 * {@code fall} consecutive failures to count as down. Starts "one success away" from up, or down
 * with {@code init_fail} (features.md section 6). Immutable: each result gives the next value.
 *
 * @param up          whether the script currently counts as up
 * @param successes   consecutive successes so far
 * @param failures    consecutive failures so far
 * @param rise        successes needed
 * @param fall        failures needed
 */
public record RiseFall(boolean up, int successes, int failures, int rise, int fall) {

    public static RiseFall initial(int rise, int fall, boolean initFail) {
        // keepalived starts a script just below its rise threshold unless init_fail is set.
        return initFail ? new RiseFall(false, 0, fall, rise, fall) : new RiseFall(false, rise - 1, 0, rise, fall);
    }

    public RiseFall record(boolean success) {
        if (success) {
            int s = successes + 1;
            return new RiseFall(up || s >= rise, s, 0, rise, fall);
        }
        int f = failures + 1;
        return new RiseFall(up && f < fall, 0, f, rise, fall);
    }
}
