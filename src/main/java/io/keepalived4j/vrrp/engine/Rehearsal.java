package io.keepalived4j.vrrp.engine;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs a throwaway copy of a node's instances through what a takeover and a stop will ask of the
 * engine, in virtual time, every action discarded: start (BACKUP), the Master_Down timer (MASTER),
 * a few adverts sent, a peer's priority-0 and higher-priority adverts (back to BACKUP and over
 * again), and the stop.
 *
 * <p>Why: a BACKUP's JVM has never run the master path. Its first takeover paid for loading,
 * verifying and linking that code between the timer's expiry and the first advert on the wire
 * (2-3 ms measured in the failover lab, docs/bench-failover.md), and a first SIGTERM as much again
 * before the priority-0 advert. Run once at start, the real ones find the code loaded.
 */
public final class Rehearsal {

    /** Timer expiries to run: enough for every instance to reach MASTER and send a few adverts. */
    private static final int FIRINGS = 8;

    private Rehearsal() {
    }

    /** What the rehearsal went through: the states entered and the kinds of action produced (then dropped). */
    public record Walked(Set<VrrpState> entered, Set<Class<? extends Action>> actions) {
    }

    /**
     * Instance walks enough for the JIT to compile the master path: a method is compiled after a few
     * hundred calls (C1's thresholds), and code that runs once per takeover never gets there on its
     * own. Loaded but interpreted, the takeover still took 1.5-2 ms from the timer to the advert.
     */
    static final int WARM_WALKS = 300;

    /** How many rounds of {@link #run} make {@link #WARM_WALKS} instance walks for {@code instances} instances. */
    public static int rounds(int instances) {
        return instances <= 0 ? 0 : (WARM_WALKS + instances - 1) / instances;
    }

    /** {@link #rounds} rounds of {@link #run(HostSpec)}; what the last one went through. */
    public static Walked warm(HostSpec spec) {
        Walked w = new Walked(Set.of(), Set.of());
        for (int r = rounds(spec.instances().size()); r > 0; r--) {
            w = run(spec);
        }
        return w;
    }

    /** Runs the rehearsal on a fresh host of {@code spec}; no effect outside the host it builds. */
    public static Walked run(HostSpec spec) {
        Set<VrrpState> entered = EnumSet.noneOf(VrrpState.class);
        Set<Class<? extends Action>> actions = new HashSet<>();
        VrrpHost host = new VrrpHost(spec, (instance, action, now) -> {
            actions.add(action.getClass());
            if (action instanceof Action.StateChanged c) {
                entered.add(c.to());
            }
        });
        long now = 0;
        host.start(now);
        now = fire(host, now);
        for (int i = 0; i < host.size(); i++) {
            InstanceParameters p = host.parameters(i);
            // A MASTER hears a higher priority (it yields), then that peer's priority-0 advert.
            host.advert(i, p.primaryAddress(), 255, p.advertIntervalCentis(), now);
            host.advert(i, p.primaryAddress(), 0, p.advertIntervalCentis(), now);
        }
        now = fire(host, now);
        host.shutdown(now);
        return new Walked(entered, actions);
    }

    private static long fire(VrrpHost host, long now) {
        for (int n = 0; n < FIRINGS; n++) {
            long at = host.nextDeadlineMicros();
            if (at == Long.MAX_VALUE) {
                break;
            }
            now = Math.max(now, at);
            host.fireDue(now);
        }
        return now;
    }
}
