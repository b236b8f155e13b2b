package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Optional;

/**
 * {@code wlc}, net/netfilter/ipvs/ip_vs_wlc.c: the destination with the least
 * {@code overhead / weight}, compared without division as {@code loh * w > doh * lw} in 64 bits.
 * The first candidate is the first destination (kernel order) that is not overloaded and has a
 * weight above 0; after it only overloaded ones are skipped (a weight-0 one cannot win: 0 is never
 * greater). Ties keep the earlier one.
 */
final class WeightedLeastConnection<D extends SchedDest> extends ListScheduler<D> {

    @Override
    public Optional<D> pick(SchedRequest r) {
        return Optional.ofNullable(leastLoaded(dests()));
    }

    /**
     * The weighted least-connection choice over the service's list, as ip_vs_wlc_schedule and the
     * identical {@code __ip_vs_lblc_schedule} / {@code __ip_vs_lblcr_schedule}; null when none.
     */
    static <D extends SchedDest> D leastLoaded(List<D> dests) {
        int i = 0;
        D least = null;
        for (; i < dests.size(); i++) {
            D d = dests.get(i);
            if (!d.overloaded() && d.weight() > 0) {
                least = d;
                break;
            }
        }
        if (least == null) {
            return null;
        }
        int loh = LeastConnection.connOverhead(least);
        for (i++; i < dests.size(); i++) {
            D d = dests.get(i);
            if (d.overloaded()) {
                continue;
            }
            int doh = LeastConnection.connOverhead(d);
            if ((long) loh * d.weight() > (long) doh * least.weight()) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }
}
