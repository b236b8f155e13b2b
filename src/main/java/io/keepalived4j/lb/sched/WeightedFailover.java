package io.keepalived4j.lb.sched;

import java.util.Optional;

/**
 * {@code fo}, net/netfilter/ipvs/ip_vs_fo.c: the destination with the highest weight that is not
 * overloaded; among equal weights the first in the kernel's list (the newest). Weight 0 never wins.
 */
final class WeightedFailover<D extends SchedDest> extends ListScheduler<D> {

    @Override
    public Optional<D> pick(SchedRequest r) {
        D best = null;
        int hw = 0;
        for (D d : dests()) {
            int w = d.weight();
            if (!d.overloaded() && w > hw) {
                best = d;
                hw = w;
            }
        }
        return Optional.ofNullable(best);
    }
}
