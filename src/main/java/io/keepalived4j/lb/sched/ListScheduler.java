package io.keepalived4j.lb.sched;

import java.util.List;

/**
 * A scheduler that keeps nothing but the destination list, in the kernel's order (newest first),
 * and scans it on every pick: lc, wlc, sed, nq, fo, ovf. The list is swapped whole on update,
 * so picks on other threads see the old or the new one, never a mix.
 */
abstract class ListScheduler<D extends SchedDest> implements Scheduler<D> {

    private volatile List<D> dests = List.of();

    @Override
    public final void update(List<D> oldestFirst) {
        dests = DestOrder.ipvsOrder(oldestFirst);
    }

    /** The destinations in IPVS's list order. */
    final List<D> dests() {
        return dests;
    }
}
