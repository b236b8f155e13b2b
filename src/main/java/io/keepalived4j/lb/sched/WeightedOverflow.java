package io.keepalived4j.lb.sched;

import java.util.Optional;

/**
 * {@code ovf}, net/netfilter/ipvs/ip_vs_ovf.c: the destination with the highest weight among those
 * not overloaded, with a weight above 0 and no more active connections than their weight
 * ({@code activeconns > weight} skips one, so a destination takes connections up to weight + 1);
 * among equal weights the first in the kernel's list. Traffic stays on the heaviest destination and
 * overflows to the next heaviest.
 */
final class WeightedOverflow<D extends SchedDest> extends ListScheduler<D> {

    @Override
    public Optional<D> pick(SchedRequest r) {
        D best = null;
        int hw = 0;
        for (D d : dests()) {
            int w = d.weight();
            if (d.overloaded() || d.activeConns() > w || w == 0) {
                continue;
            }
            if (best == null || w > hw) {
                best = d;
                hw = w;
            }
        }
        return Optional.ofNullable(best);
    }
}
