package io.keepalived4j.lb.sched;

import java.util.List;
import java.util.Optional;

/**
 * {@code sh}, net/netfilter/ipvs/ip_vs_sh.c: a 256-bucket table ({@code IP_VS_SH_TAB_BITS} 8) filled
 * with the destinations in the kernel's list order, each taking {@code weight} consecutive buckets
 * (at least one, so a weight-0 destination keeps one bucket), round and round until the table is
 * full; the weights are read when the set changes. A connection goes to bucket
 * {@code hash_32(clientPort + ntohl(saddr), 8)}, the port only with {@code sh-port}
 * (IP_VS_SVC_F_SCHED2; 0 otherwise).
 *
 * <p>That destination overloaded or with weight 0: no destination, or with {@code sh-fallback}
 * (IP_VS_SVC_F_SCHED1) the kernel's walk: for offset 0..255, bucket
 * {@code (roffset + hash) & 255} with {@code roffset = (offset + ihash) % 256}, the first available.
 * (As in the kernel the walk starts at twice the original hash: the offset is added twice.)
 */
final class SourceHashing<D extends SchedDest> implements Scheduler<D> {

    static final int TAB_BITS = 8;
    static final int TAB_SIZE = 1 << TAB_BITS;
    static final int TAB_MASK = TAB_SIZE - 1;

    private final boolean port;
    private final boolean fallback;
    private volatile List<D> buckets = List.of();

    SourceHashing(boolean port, boolean fallback) {
        this.port = port;
        this.fallback = fallback;
    }

    @Override
    public void update(List<D> oldestFirst) {
        List<D> dests = DestOrder.ipvsOrder(oldestFirst);
        if (dests.isEmpty()) {
            buckets = List.of();
            return;
        }
        Object[] table = new Object[TAB_SIZE];
        int p = 0;
        int count = 0;
        for (int i = 0; i < TAB_SIZE; i++) {
            D d = dests.get(p);
            table[i] = d;
            // ip_vs_sh_reassign: do not move to the next destination until its weight is filled.
            if (++count >= d.weight()) {
                p = (p + 1) % dests.size();
                count = 0;
            }
        }
        buckets = DestOrder.table(table);
    }

    @Override
    public Optional<D> pick(SchedRequest r) {
        List<D> table = buckets;
        if (table.isEmpty()) {
            return Optional.empty();
        }
        int key = (port ? r.clientPort() & 0xffff : 0) + Hashes.fold(r.client());
        int ihash = hashKey(key, 0);
        D d = table.get(ihash);
        if (!unavailable(d)) {
            return Optional.of(d);
        }
        if (!fallback) {
            return Optional.empty();
        }
        for (int offset = 0; offset < TAB_SIZE; offset++) {
            int roffset = (offset + ihash) % TAB_SIZE;
            d = table.get(hashKey(key, roffset));
            if (!unavailable(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** ip_vs_sh_hashkey: {@code (offset + hash_32(port + ntohl(addr_fold), 8)) & 255}. */
    static int hashKey(int portPlusAddress, int offset) {
        return (offset + Hashes.hash32(portPlusAddress, TAB_BITS)) & TAB_MASK;
    }

    static boolean unavailable(SchedDest d) {
        return d.weight() <= 0 || d.overloaded();
    }

    /** The table now, bucket by bucket (for tests). */
    List<D> buckets() {
        return buckets;
    }
}
