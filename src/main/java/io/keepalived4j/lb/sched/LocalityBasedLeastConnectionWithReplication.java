package io.keepalived4j.lb.sched;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code lblcr}, net/netfilter/ipvs/ip_vs_lblcr.c: per destination address of the packet (for the
 * proxy: the virtual address) a <i>set</i> of destinations. A connection goes to the set's weighted
 * least-connection member that is available and not overloaded ({@code ip_vs_dest_set_min}); if
 * there is none, or it is overloaded in lblc's sense (more active connections than its weight while
 * some destination runs below half its weight), wlc's choice over the whole service, which joins the
 * set. A set that has more than one member and has not changed for {@code lblcr_expiration}
 * (24 h) loses its most loaded member ({@code ip_vs_dest_set_max}) at the next lookup. New members
 * go to the head of the set. The table and its expiry: {@link LocalityTable}.
 *
 * <p>A member that left the service stays in the set, unavailable (the kernel keeps a reference to
 * the destination in its trash), and is available again if it comes back.
 */
final class LocalityBasedLeastConnectionWithReplication<D extends SchedDest> extends LocalityScheduler<D, LocalityBasedLeastConnectionWithReplication.ServerSet<D>> {

    private static final class Member<D> {
        final DestKey key;
        D last;

        Member(DestKey key, D last) {
            this.key = key;
            this.last = last;
        }
    }

    static final class ServerSet<D extends SchedDest> extends LocalityTable.Entry {
        final List<Member<D>> members = new ArrayList<>(2);
        long lastMod;

        ServerSet(InetAddress address, long now) {
            super(address, now);
        }

        /** ip_vs_dest_set_insert: at the head, unless there already; a change stamps lastmod. */
        void insert(D d, long now) {
            DestKey k = DestKey.of(d);
            for (Member<D> m : members) {
                if (m.key.equals(k)) {
                    return;
                }
            }
            members.addFirst(new Member<>(k, d));
            lastMod = now;
        }
    }


    LocalityBasedLeastConnectionWithReplication() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    LocalityBasedLeastConnectionWithReplication(LongSupplier nanoClock) {
        super(nanoClock);
    }

    @Override
    public synchronized Optional<D> pick(SchedRequest r) {
        long now = clock.getAsLong();
        table.collectIfDue(now);
        InetAddress daddr = r.virtualAddress();
        ServerSet<D> en = table.get(daddr);
        if (en != null) {
            en.lastUse = now;
            D dest = setMin(en);
            if (en.members.size() > 1 && now - (en.lastMod + LocalityTable.DEFAULT_EXPIRATION) > 0) {
                Member<D> most = setMax(en);
                if (most != null) {
                    en.members.remove(most);
                    en.lastMod = now;
                }
            }
            if (dest != null && !LocalityBasedLeastConnection.isOverloaded(dest, dests)) {
                return Optional.of(dest);
            }
            dest = WeightedLeastConnection.leastLoaded(dests);
            if (dest == null) {
                return Optional.empty();
            }
            en.insert(dest, now);
            return Optional.of(dest);
        }
        D dest = WeightedLeastConnection.leastLoaded(dests);
        if (dest == null) {
            return Optional.empty();
        }
        ServerSet<D> set = new ServerSet<>(daddr, now);
        set.insert(dest, now);
        table.add(set);
        return Optional.of(dest);
    }

    /** A member's destination now: the service's current object, or the last seen if it left. */
    private D resolve(Member<D> m) {
        D current = byKey.get(m.key);
        if (current != null) {
            m.last = current;
            return current;
        }
        return m.last;
    }

    private boolean available(Member<D> m) {
        return byKey.containsKey(m.key);
    }

    /** ip_vs_dest_set_min: the weighted least-connection member that is available and not overloaded. */
    private D setMin(ServerSet<D> set) {
        List<Member<D>> ms = set.members;
        int i = 0;
        D least = null;
        for (; i < ms.size(); i++) {
            D d = resolve(ms.get(i));
            if (d.overloaded()) {
                continue;
            }
            if (d.weight() > 0 && available(ms.get(i))) {
                least = d;
                break;
            }
        }
        if (least == null) {
            return null;
        }
        int loh = LeastConnection.connOverhead(least);
        for (i++; i < ms.size(); i++) {
            D d = resolve(ms.get(i));
            if (d.overloaded()) {
                continue;
            }
            int doh = LeastConnection.connOverhead(d);
            if ((long) loh * d.weight() > (long) doh * least.weight() && available(ms.get(i))) {
                least = d;
                loh = doh;
            }
        }
        return least;
    }

    /** ip_vs_dest_set_max: the weighted most-loaded member with a weight above 0 (available or not). */
    private Member<D> setMax(ServerSet<D> set) {
        List<Member<D>> ms = set.members;
        int i = 0;
        Member<D> most = null;
        for (; i < ms.size(); i++) {
            if (resolve(ms.get(i)).weight() > 0) {
                most = ms.get(i);
                break;
            }
        }
        if (most == null) {
            return null;
        }
        D m = resolve(most);
        int moh = LeastConnection.connOverhead(m);
        int mw = m.weight();
        for (i++; i < ms.size(); i++) {
            D d = resolve(ms.get(i));
            int doh = LeastConnection.connOverhead(d);
            // moh/mw < doh/dw  <=>  moh*dw < doh*mw, where mw, dw > 0
            if ((long) moh * d.weight() < (long) doh * mw && d.weight() > 0) {
                most = ms.get(i);
                moh = doh;
                mw = d.weight();
            }
        }
        return most;
    }

    /** The members of the set for {@code daddr}, head first (tests). */
    synchronized List<DestKey> members(InetAddress daddr) {
        ServerSet<D> en = table.get(daddr);
        return en == null ? List.of() : en.members.stream().map(m -> m.key).toList();
    }
}
