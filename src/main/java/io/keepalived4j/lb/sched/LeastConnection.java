package io.keepalived4j.lb.sched;

import java.util.Optional;

/**
 * {@code lc}, net/netfilter/ipvs/ip_vs_lc.c: the destination with the least connection overhead
 * ({@code activeconns * 256 + inactconns}, ip_vs.h's {@code ip_vs_dest_conn_overhead}), skipping
 * overloaded and weight-0 ones; ties go to the first in the kernel's list (the newest). The kernel
 * compares the overheads as unsigned ints.
 */
final class LeastConnection<D extends SchedDest> extends ListScheduler<D> {

    @Override
    public Optional<D> pick(SchedRequest r) {
        D least = null;
        int loh = 0;
        for (D d : dests()) {
            if (d.overloaded() || d.weight() == 0) {
                continue;
            }
            int doh = connOverhead(d);
            if (least == null || Integer.compareUnsigned(doh, loh) < 0) {
                least = d;
                loh = doh;
            }
        }
        return Optional.ofNullable(least);
    }

    /**
     * ip_vs.h's {@code ip_vs_dest_conn_overhead}: an active connection costs 256 inactive ones. The
     * userspace proxy has no inactive (TIME_WAIT) connections, so for it this is activeconns * 256.
     */
    static int connOverhead(SchedDest d) {
        return (d.activeConns() << 8) + d.inactiveConns();
    }
}
