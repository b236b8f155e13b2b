package io.keepalived4j.lb.sched;

import java.util.Optional;

/**
 * {@code nq}, net/netfilter/ipvs/ip_vs_nq.c: the first idle destination (no active connection) in
 * the kernel's list wins at once; without one, sed's choice ({@code (activeconns + 1) / weight}).
 * Overloaded and weight-0 destinations are skipped throughout.
 */
final class NeverQueue<D extends SchedDest> extends ListScheduler<D> {

    @Override
    public Optional<D> pick(SchedRequest r) {
        D least = null;
        int loh = 0;
        for (D d : dests()) {
            if (d.overloaded() || d.weight() == 0) {
                continue;
            }
            int doh = ShortestExpectedDelay.expectedOverhead(d);
            if (d.activeConns() == 0) {
                return Optional.of(d);
            }
            if (least == null || (long) loh * d.weight() > (long) doh * least.weight()) {
                least = d;
                loh = doh;
            }
        }
        return Optional.ofNullable(least);
    }
}
