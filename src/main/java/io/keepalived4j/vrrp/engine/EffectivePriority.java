package io.keepalived4j.vrrp.engine;

import java.util.List;
import java.util.Optional;

/**
 * The priority an instance advertises, from its base priority and its trackers, as keepalived's
 * {@code vrrp_set_effective_priority()} computes it: weighted trackers add or subtract, the result
 * is clamped to 1..254, an address owner (255) is never adjusted, and an unweighted tracker that is
 * down puts the instance in FAULT.
 */
public final class EffectivePriority {

    /** Below this a track_file's contribution means FAULT (features.md section 6). */
    private static final long FILE_FAULT_FLOOR = -253;

    /**
     * @param priority the priority to advertise (meaningless when {@code faultBy} is present)
     * @param faultBy  the tracker that forces FAULT, if any
     */
    public record Result(int priority, Optional<String> faultBy) {
        public boolean fault() {
            return faultBy.isPresent();
        }
    }

    private EffectivePriority() {
    }

    public static Result of(int basePriority, List<TrackerStatus> trackers) {
        long sum = 0;
        for (TrackerStatus t : trackers) {
            switch (t) {
                case TrackerStatus.UpDown u -> {
                    boolean up = u.up();
                    if (u.weight() == 0) {
                        if (!up) {
                            return new Result(basePriority, Optional.of(u.name()));
                        }
                    } else {
                        // A positive weight rewards being up, a negative one punishes being down;
                        // "reverse" swaps which state earns the weight.
                        boolean counts = u.weight() > 0 ? up != u.reverse() : up == u.reverse();
                        if (counts) {
                            sum += u.weight();
                        }
                    }
                }
                case TrackerStatus.FileValue f -> {
                    if (f.weight() == 0) {
                        if (f.value() != 0) {
                            return new Result(basePriority, Optional.of(f.name()));
                        }
                    } else {
                        long contribution = f.value() * f.weight() * (f.reverse() ? -1 : 1);
                        if (contribution < FILE_FAULT_FLOOR) {
                            return new Result(basePriority, Optional.of(f.name()));
                        }
                        sum += contribution;
                    }
                }
            }
        }
        if (basePriority == InstanceParameters.OWNER_PRIORITY) {
            return new Result(basePriority, Optional.empty());
        }
        long p = Math.max(1, Math.min(254, basePriority + sum));
        return new Result((int) p, Optional.empty());
    }
}
