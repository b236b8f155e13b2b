package io.keepalived4j.check;

import io.keepalived4j.config.SameConfiguration;

import java.util.HashSet;
import java.util.Set;

/**
 * What a real server keeps when a reload changes its virtual server (keepalived 2.2.7's
 * migrate_checkers()): a real server at the same address and port in the new configuration is
 * the same server, alive or not as it was, in the data plane as it was, with the operator's drain
 * and weight; each of its checkers that is configured exactly as before keeps its state (up or
 * down, retries left, the weight it adds). A checker new to it starts as at start; a server new to
 * the pool too.
 */
final class PoolHandover {

    /** The new pool's servers and checkers that carry state from the old, once {@link #inherit} ran. */
    record Carried(Set<RealServerEntry> servers, Set<CheckerSlot> checkers) {
        /** A pool that carries nothing (an added virtual server). */
        static final Carried NONE = new Carried(Set.of(), Set.of());
    }

    private PoolHandover() {
    }

    /** Copies state from {@code from}'s servers into {@code to}'s, before {@code to} starts. */
    static Carried inherit(VirtualServerPool from, VirtualServerPool to) {
        Set<RealServerEntry> servers = new HashSet<>();
        Set<CheckerSlot> checkers = new HashSet<>();
        for (RealServerEntry next : to.servers) {
            RealServerEntry was = from.sameServer(next);
            if (was == null) {
                continue;
            }
            servers.add(next);
            next.alive = was.alive;
            next.set = was.set;
            next.drained = was.drained;
            // An operator's weight outlives the reload; otherwise the new configured one applies.
            next.baseWeight = was.baseWeight != was.initialWeight ? was.baseWeight : next.initialWeight;
            long added = 0;
            int failed = 0;
            Set<CheckerSlot> used = new HashSet<>();
            for (CheckerSlot c : next.checkers) {
                CheckerSlot old = was.checkers.stream()
                        .filter(o -> !used.contains(o) && SameConfiguration.equal(o.config, c.config))
                        .findFirst().orElse(null);
                if (old == null) {
                    continue;
                }
                used.add(old);
                checkers.add(c);
                c.isUp = old.isUp;
                c.hasRun = old.hasRun;
                c.retryIt = old.retryIt;
                c.curWeight = old.curWeight;
                c.lastExitCode = old.lastExitCode;
                c.fileStatus = old.fileStatus;
                c.last = old.last;
                added += old.curWeight;
                failed += old.isUp ? 0 : 1;
            }
            next.failedCheckers = failed;
            next.effectiveWeight = next.baseWeight + added;
        }
        return new Carried(servers, checkers);
    }
}
