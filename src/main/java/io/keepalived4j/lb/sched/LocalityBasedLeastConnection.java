package io.keepalived4j.lb.sched;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code lblc}, net/netfilter/ipvs/ip_vs_lblc.c: remembers, per destination address of the packet
 * (for the userspace proxy: the virtual address), the destination it last chose. A connection to a
 * cached address goes to that destination unless it is gone, has weight 0, or is "overloaded" in
 * lblc's own sense: more active connections than its weight while some destination of the service
 * runs below half its weight ({@code activeconns * 2 < weight}). (The IP_VS_DEST_F_OVERLOAD flag
 * is not looked at for the cached destination, as in the kernel.) Otherwise wlc's choice, which is
 * then cached. The table and its expiry: {@link LocalityTable}. Table counters: {@link #cached()},
 * {@link #notCached()}.
 */
final class LocalityBasedLeastConnection<D extends SchedDest> extends LocalityScheduler<D, LocalityBasedLeastConnection.CacheEntry> {

    static final class CacheEntry extends LocalityTable.Entry {
        DestKey dest;

        CacheEntry(InetAddress address, long lastUse, DestKey dest) {
            super(address, lastUse);
            this.dest = dest;
        }
    }


    LocalityBasedLeastConnection() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    LocalityBasedLeastConnection(LongSupplier nanoClock) {
        super(nanoClock);
    }

    @Override
    public synchronized Optional<D> pick(SchedRequest r) {
        long now = clock.getAsLong();
        table.collectIfDue(now);
        InetAddress daddr = r.virtualAddress();
        CacheEntry en = table.get(daddr);
        if (en != null) {
            en.lastUse = now;
            D cached = byKey.get(en.dest); // null: removed (in the kernel: not IP_VS_DEST_F_AVAILABLE)
            if (cached != null && cached.weight() > 0 && !isOverloaded(cached, dests)) {
                return Optional.of(cached);
            }
        }
        D d = WeightedLeastConnection.leastLoaded(dests);
        if (d == null) {
            return Optional.empty();
        }
        if (en != null) {
            en.dest = DestKey.of(d);
        } else {
            table.add(new CacheEntry(daddr, now, DestKey.of(d)));
        }
        return Optional.of(d);
    }

    /** lblc's and lblcr's is_overloaded: over its weight while another destination is under half of its own. */
    static boolean isOverloaded(SchedDest dest, List<? extends SchedDest> dests) {
        if (dest.activeConns() > dest.weight()) {
            for (SchedDest d : dests) {
                if (d.activeConns() * 2 < d.weight()) {
                    return true;
                }
            }
        }
        return false;
    }
}
