package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Optional;

/**
 * {@code sed}, net/netfilter/ipvs/ip_vs_sed.c: as wlc, but the overhead is
 * {@code activeconns + 1} (the expected delay of the new job, inactive connections ignored):
 * the least {@code (activeconns + 1) / weight}, compared as 64-bit products, ties to the earlier.
 */
final class ShortestExpectedDelay<D extends SchedDest> extends ListScheduler<D> {

    @Override
    public Optional<D> pick(SchedRequest r) {
        List<D> list = dests();
        int i = 0;
        D least = null;
        for (; i < list.size(); i++) {
            D d = list.get(i);
            if (!d.overloaded() && d.weight() > 0) {
                least = d;
                break;
            }
        }
        if (least == null) {
            return Optional.empty();
        }
        int loh = expectedOverhead(least);
        for (i++; i < list.size(); i++) {
            D d = list.get(i);
            if (d.overloaded()) {
                continue;
            }
            int doh = expectedOverhead(d);
            if ((long) loh * d.weight() > (long) doh * least.weight()) {
                least = d;
                loh = doh;
            }
        }
        return Optional.of(least);
    }

    /** ip_vs_sed_dest_overhead / ip_vs_nq_dest_overhead: only active connections, plus the new one. */
    static int expectedOverhead(SchedDest d) {
        return d.activeConns() + 1;
    }
}
