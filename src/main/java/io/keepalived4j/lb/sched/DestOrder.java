package io.keepalived4j.lb.sched;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The kernel's order of a service's destinations ({@code svc->destinations}), made from the order
 * {@link Scheduler#update} is given (oldest first). {@code __ip_vs_update_dest} in ip_vs_ctl.c links
 * a new destination at the head of the list ({@code list_add_rcu}), so the kernel's list is the
 * reverse of the order of addition; a weight change ({@code upd_dest}) keeps the place.
 */
final class DestOrder {

    private DestOrder() {
    }

    /** The kernel's list: {@code oldestFirst} turned around; refuses nulls and two destinations with one key. */
    static <D extends SchedDest> List<D> ipvsOrder(List<D> oldestFirst) {
        Objects.requireNonNull(oldestFirst, "dests");
        List<D> out = new ArrayList<>(oldestFirst.size());
        Set<DestKey> seen = new HashSet<>();
        for (D d : oldestFirst) {
            Objects.requireNonNull(d, "a destination");
            if (!seen.add(DestKey.of(d))) {
                throw new IllegalArgumentException("destination " + d.address().getHostAddress() + ":" + d.port()
                        + " given twice");
            }
            out.add(d);
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }

    /** The destinations by key, for the schedulers that keep destinations across updates (lblc, lblcr). */
    static <D extends SchedDest> Map<DestKey, D> byKey(List<D> dests) {
        Map<DestKey, D> m = new HashMap<>();
        for (D d : dests) {
            m.put(DestKey.of(d), d);
        }
        return Map.copyOf(m);
    }

    /** A filled bucket table as an immutable list (every slot holds a destination). */
    @SuppressWarnings("unchecked")
    static <D> List<D> table(Object[] slots) {
        return (List<D>) List.of(slots);
    }
}
