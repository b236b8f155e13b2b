package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Optional;

/**
 * {@code dh}, net/netfilter/ipvs/ip_vs_dh.c: a 256-bucket table ({@code IP_VS_DH_TAB_BITS} 8)
 * filled with the destinations in the kernel's list order, one bucket each, round and round
 * (weights play no part); a connection goes to bucket {@code hash_32(ntohl(daddr), 8)} of its
 * destination address (for the proxy: the virtual address). The bucket's destination overloaded or
 * with weight 0: no destination (dh has no fallback).
 */
final class DestinationHashing<D extends SchedDest> implements Scheduler<D> {

    static final int TAB_BITS = 8;
    static final int TAB_SIZE = 1 << TAB_BITS;

    private volatile List<D> buckets = List.of();

    @Override
    public void update(List<D> oldestFirst) {
        List<D> dests = DestOrder.ipvsOrder(oldestFirst);
        if (dests.isEmpty()) {
            buckets = List.of();
            return;
        }
        Object[] table = new Object[TAB_SIZE];
        for (int i = 0; i < TAB_SIZE; i++) {
            table[i] = dests.get(i % dests.size());
        }
        buckets = DestOrder.table(table);
    }

    @Override
    public Optional<D> pick(SchedRequest r) {
        List<D> table = buckets;
        if (table.isEmpty()) {
            return Optional.empty();
        }
        D d = table.get(Hashes.hash32(Hashes.fold(r.virtualAddress()), TAB_BITS));
        if (d.weight() <= 0 || d.overloaded()) {
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** The table now, bucket by bucket (for tests). */
    List<D> buckets() {
        return buckets;
    }
}
