package io.keepalived4j.lb.sched;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mh}, net/netfilter/ipvs/ip_vs_mh.c: Maglev consistent hashing (Eisenbud et al., NSDI 2016,
 * section 3.4). Each destination gets a permutation of the lookup table's positions from two
 * {@code hsiphash} values of {@code ntohs(port) + ntohl(addr)} with the kernel's fixed keys
 * ({@code generate_hash_secret}: 2654435761 and 2654446892): {@code offset = h1 % M},
 * {@code skip = h2 % (M - 1) + 1}; the destinations, in the kernel's list order, take turns claiming
 * their next free preferred position, {@code turns} positions per turn, until all M are taken. A
 * connection goes to position {@code hsiphash(ntohs(clientPort) + ntohl(saddr)) % M}, the port only
 * with {@code mh-port}.
 *
 * <p>Weights: the table is built from each destination's {@code last_weight}, the latest non-zero
 * weight ({@code __ip_vs_update_dest} in ip_vs_ctl.c; the weight given when it was added, even 0), so
 * quiescing a destination (weight 0) keeps its positions and only makes it unavailable.
 * {@code turns = (last_weight / gcd) >> rshift}, at least 1 for a non-zero last weight, with
 * {@code rshift = fls(max_last_weight / gcd) - IP_VS_MH_TAB_BITS} when positive. An unavailable
 * destination (weight 0 or overloaded) at the position: no destination, or with {@code mh-fallback}
 * the positions {@code hsiphash(roffset + port + addr) % M}, {@code roffset = (offset + ihash) % M},
 * for offset 0..M-1, the first available.
 *
 * <p>M is {@code primes[CONFIG_IP_VS_MH_TAB_INDEX - 8]}: 4093 with the Kconfig default index 12
 * (distribution kernels keep it). Like the kernel, more destinations than M leave the table as it
 * was ({@code ip_vs_mh_reassign} returns -EINVAL); here the positions of destinations removed since
 * then answer as unavailable rather than sending to a destination that is gone.
 */
final class MaglevHash<D extends SchedDest> implements Scheduler<D> {

    /** ip_vs_mh.c's {@code primes}, indexed by {@code CONFIG_IP_VS_MH_TAB_INDEX - 8}. */
    static final int[] PRIMES = {251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071};
    /** Kconfig's default {@code IP_VS_MH_TAB_INDEX}. */
    static final int DEFAULT_TAB_INDEX = 12;
    /** generate_hash_secret: both words of hash1's key, and of hash2's. */
    static final long HASH1_KEY = 2654435761L;
    static final long HASH2_KEY = 2654446892L;

    private record Table<D>(List<D> lookup, Set<DestKey> gone) {
    }

    private final boolean port;
    private final boolean fallback;
    private final int tabSize;
    private final int tabBits;
    private Map<DestKey, Integer> lastWeight = Map.of();
    private volatile Table<D> table = new Table<>(List.of(), Set.of());

    MaglevHash(boolean port, boolean fallback) {
        this(port, fallback, DEFAULT_TAB_INDEX);
    }

    /** With another {@code CONFIG_IP_VS_MH_TAB_INDEX} (8..17). */
    MaglevHash(boolean port, boolean fallback, int tabIndex) {
        if (tabIndex < 8 || tabIndex > 17) {
            throw new IllegalArgumentException("CONFIG_IP_VS_MH_TAB_INDEX is 8..17: " + tabIndex);
        }
        this.port = port;
        this.fallback = fallback;
        this.tabSize = PRIMES[tabIndex - 8];
        this.tabBits = tabIndex / 2;
    }

    @Override
    public synchronized void update(List<D> oldestFirst) {
        List<D> dests = DestOrder.ipvsOrder(oldestFirst);
        Map<DestKey, Integer> next = new HashMap<>();
        for (D d : dests) {
            DestKey k = DestKey.of(d);
            Integer before = lastWeight.get(k);
            // Keep the last weight with the latest non-0 weight; a new destination takes its weight.
            next.put(k, before == null || d.weight() != 0 ? d.weight() : before);
        }
        lastWeight = next;
        if (dests.size() > tabSize) {
            Set<DestKey> gone = new HashSet<>();
            for (D d : table.lookup()) {
                if (d != null && !next.containsKey(DestKey.of(d))) {
                    gone.add(DestKey.of(d));
                }
            }
            table = new Table<>(table.lookup(), Set.copyOf(gone));
            return;
        }
        table = new Table<>(populate(dests), Set.of());
    }

    private List<D> populate(List<D> dests) {
        int gcd = 0;
        int max = 0;
        for (D d : dests) {
            int w = lastWeight.get(DestKey.of(d));
            if (w > 0) {
                gcd = gcd > 0 ? WeightedRoundRobin.gcd(w, gcd) : w;
            }
            max = Math.max(max, w);
        }
        if (gcd < 1) {
            return List.of(); // every position empty: no destination
        }
        int shift = Math.max(0, (32 - Integer.numberOfLeadingZeros(max / gcd)) - tabBits);
        int n = dests.size();
        int[] skip = new int[n];
        int[] perm = new int[n];
        int[] turns = new int[n];
        for (int i = 0; i < n; i++) {
            D d = dests.get(i);
            int v = (d.port() & 0xffff) + Hashes.fold(d.address());
            perm[i] = Integer.remainderUnsigned(Hashes.hsipHash(HASH1_KEY, HASH1_KEY, v), tabSize);
            skip[i] = Integer.remainderUnsigned(Hashes.hsipHash(HASH2_KEY, HASH2_KEY, v), tabSize - 1) + 1;
            int lw = lastWeight.get(DestKey.of(d));
            int t = (lw / gcd) >> shift;
            turns[i] = t != 0 ? t : (lw != 0 ? 1 : 0);
        }
        Object[] lookup = new Object[tabSize];
        boolean[] taken = new boolean[tabSize];
        int filled = 0;
        while (filled < tabSize) {
            int turn = 0;
            for (int i = 0; i < n && filled < tabSize; ) {
                if (turns[i] < 1) {
                    i++; // a destination added with weight 0 takes no position
                    continue;
                }
                int c = perm[i];
                while (taken[c]) {
                    perm[i] += skip[i];
                    if (perm[i] >= tabSize) {
                        perm[i] -= tabSize;
                    }
                    c = perm[i];
                }
                taken[c] = true;
                lookup[c] = dests.get(i);
                filled++;
                if (++turn >= turns[i]) {
                    turn = 0;
                    i++;
                }
            }
        }
        return DestOrder.table(lookup);
    }

    @Override
    public Optional<D> pick(SchedRequest r) {
        Table<D> t = table;
        if (t.lookup().isEmpty()) {
            return Optional.empty();
        }
        int key = (port ? r.clientPort() & 0xffff : 0) + Hashes.fold(r.client());
        int ihash = position(key, 0);
        D d = t.lookup().get(ihash);
        if (d == null) {
            return Optional.empty();
        }
        if (available(t, d)) {
            return Optional.of(d);
        }
        if (!fallback) {
            return Optional.empty();
        }
        for (int offset = 0; offset < tabSize; offset++) {
            int roffset = (offset + ihash) % tabSize;
            d = t.lookup().get(position(key, roffset));
            if (d == null) {
                break;
            }
            if (available(t, d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** ip_vs_mh_hashkey(...) % M: {@code hsiphash(offset + port + addr)} with hash1's key. */
    int position(int portPlusAddress, int offset) {
        return Integer.remainderUnsigned(Hashes.hsipHash(HASH1_KEY, HASH1_KEY, offset + portPlusAddress), tabSize);
    }

    private static boolean available(Table<?> t, SchedDest d) {
        return d.weight() > 0 && !d.overloaded() && (t.gone().isEmpty() || !t.gone().contains(DestKey.of(d)));
    }

    /** The lookup table now, position by position; empty when every position is empty (for tests). */
    List<D> lookup() {
        return table.lookup();
    }

    int tableSize() {
        return tabSize;
    }
}
