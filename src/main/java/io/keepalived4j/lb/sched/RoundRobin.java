package io.keepalived4j.lb.sched;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rr}, net/netfilter/ipvs/ip_vs_rr.c. A cursor ({@code svc->sched_data}) points at the list
 * head or at the destination picked last; a pick walks on from it, round the list, and takes the first
 * destination that is not overloaded and has a weight above 0, testing the cursor's own destination
 * last. Nothing found: the cursor stays. New destinations (linked at the head) leave the cursor
 * where it is; a removed cursor moves back to the previous entry ({@code ip_vs_rr_del_dest}).
 */
final class RoundRobin<D extends SchedDest> implements Scheduler<D> {

    /** The cursor at the list head. */
    private static final int HEAD = -1;

    private List<D> dests = List.of();
    private int cursor = HEAD;

    @Override
    public synchronized void update(List<D> oldestFirst) {
        List<D> next = DestOrder.ipvsOrder(oldestFirst);
        Set<DestKey> kept = new HashSet<>();
        next.forEach(d -> kept.add(DestKey.of(d)));
        // A removed cursor goes to the entry before it (the nearest one that stays, whatever order the
        // removals came in), or to the head.
        int i = cursor;
        while (i != HEAD && !kept.contains(DestKey.of(dests.get(i)))) {
            i--;
        }
        DestKey at = i == HEAD ? null : DestKey.of(dests.get(i));
        dests = next;
        cursor = HEAD;
        if (at != null) {
            for (int j = 0; j < next.size(); j++) {
                if (DestKey.of(next.get(j)).equals(at)) {
                    cursor = j;
                }
            }
        }
    }

    @Override
    public synchronized Optional<D> pick(SchedRequest r) {
        int n = dests.size();
        // From the head one pass over the list; from a destination, the ones after it, then round to it.
        for (int step = 1; step <= n; step++) {
            int i = Math.floorMod(cursor + step, n);
            D d = dests.get(i);
            if (!d.overloaded() && d.weight() > 0) {
                cursor = i;
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
