package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What lblc and lblcr share: the table of destination addresses ({@link LocalityTable}, with the
 * kernel's expiry and a hard bound), the clock it ages by, and the destination list in IPVS order
 * with its index by address and port. Picks and updates synchronize on the scheduler.
 *
 * @param <E> what the table keeps per destination address (one server, or a server set)
 */
abstract class LocalityScheduler<D extends SchedDest, E extends LocalityTable.Entry> implements Scheduler<D> {

    final LongSupplier clock;
    final LocalityTable<E> table;
    List<D> dests = List.of();
    Map<DestKey, D> byKey = Map.of();

    /** With a clock in nanoseconds (tests inject one). */
    LocalityScheduler(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.table = new LocalityTable<>(nanoClock.getAsLong(), LocalityTable.DEFAULT_EXPIRATION);
    }

    @Override
    public final synchronized void update(List<D> oldestFirst) {
        dests = DestOrder.ipvsOrder(oldestFirst);
        byKey = DestOrder.byKey(dests);
    }

    /** Destination addresses in the table now. */
    final synchronized int cached() {
        return table.size();
    }

    /** Connections scheduled without caching because the table was at its hard limit. */
    final synchronized long notCached() {
        return table.dropped();
    }
}
