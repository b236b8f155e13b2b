package io.keepalived4j.lb.sched;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-destination-address table of lblc and lblcr (ip_vs_lblc.c, ip_vs_lblcr.c), with the
 * kernel's shape and garbage collection: 1024 hash buckets ({@code IP_VS_LBLC_TAB_BITS} 10, bucket
 * {@code hash_32(ntohl(addr), 10)}, new entries at the head of their bucket) and the periodic
 * {@code check_expire} every 60 s from creation:
 * <ul>
 * <li>every 30th quiet tick a full check drops the entries unused for {@code expiration}
 * (sysctl {@code lblc_expiration} / {@code lblcr_expiration}, default 24 h);</li>
 * <li>while the table holds more than {@code max_size} (16 x 1024) entries, each tick drops entries
 * unused for 6 minutes, walking the buckets from the rover, until {@code (entries - max) * 4 / 3}
 * (at most max / 2) are gone.</li>
 * </ul>
 * The ticks run inside calls (no timer thread): a call finds which ticks fell due since the last one
 * and runs them at their own times, at most the last 31 of them after a long quiet spell.
 *
 * <p>The kernel's table can outgrow {@code max_size} between ticks. Here a hard limit of twice
 * {@code max_size} refuses new entries, as the kernel does when it cannot allocate one: the
 * connection still gets its destination, nothing is cached, and {@link #dropped()} counts it.
 * The caller holds the lock.
 */
final class LocalityTable<E extends LocalityTable.Entry> {

    /** A cached address and when it was last used (the clock's nanoseconds). */
    abstract static class Entry {
        final InetAddress address;
        long lastUse;

        Entry(InetAddress address, long lastUse) {
            this.address = address;
            this.lastUse = lastUse;
        }
    }

    static final int TAB_BITS = 10;
    static final int TAB_SIZE = 1 << TAB_BITS;
    static final int TAB_MASK = TAB_SIZE - 1;
    static final int MAX_SIZE = TAB_SIZE * 16;
    static final int HARD_LIMIT = MAX_SIZE * 2;
    static final long CHECK_EXPIRE_INTERVAL = TimeUnit.SECONDS.toNanos(60);
    static final long ENTRY_TIMEOUT = TimeUnit.MINUTES.toNanos(6);
    static final long DEFAULT_EXPIRATION = TimeUnit.HOURS.toNanos(24);
    static final int COUNT_FOR_FULL_EXPIRATION = 30;
    private static final int MAX_CATCH_UP_TICKS = COUNT_FOR_FULL_EXPIRATION + 1;

    private final List<List<E>> buckets = new ArrayList<>(TAB_SIZE);
    private final long expiration;
    private int entries;
    private int rover;
    private int counter = 1;
    private long nextCheck;
    private long dropped;

    LocalityTable(long now, long expiration) {
        for (int i = 0; i < TAB_SIZE; i++) {
            buckets.add(new ArrayList<>(0));
        }
        this.expiration = expiration;
        this.nextCheck = now + CHECK_EXPIRE_INTERVAL;
    }

    E get(InetAddress address) {
        for (E e : buckets.get(bucket(address))) {
            if (e.address.equals(address)) {
                return e;
            }
        }
        return null;
    }

    /** Links a new entry at the head of its bucket; false (and counted) at the hard limit. */
    boolean add(E e) {
        if (entries >= HARD_LIMIT) {
            dropped++;
            return false;
        }
        buckets.get(bucket(e.address)).addFirst(e);
        entries++;
        return true;
    }

    /** Runs the expiry ticks that fell due by {@code now}. */
    void collectIfDue(long now) {
        if (now - nextCheck < 0) {
            return;
        }
        long due = (now - nextCheck) / CHECK_EXPIRE_INTERVAL + 1;
        if (due > MAX_CATCH_UP_TICKS) {
            nextCheck += (due - MAX_CATCH_UP_TICKS) * CHECK_EXPIRE_INTERVAL;
        }
        while (now - nextCheck >= 0) {
            checkExpire(nextCheck);
            nextCheck += CHECK_EXPIRE_INTERVAL;
        }
    }

    /** ip_vs_lblc_check_expire / ip_vs_lblcr_check_expire at {@code now}. */
    private void checkExpire(long now) {
        if (counter % COUNT_FOR_FULL_EXPIRATION == 0) {
            sweep(now, expiration, Integer.MAX_VALUE);
            counter = 1;
            return;
        }
        if (entries <= MAX_SIZE) {
            counter++;
            return;
        }
        int goal = (entries - MAX_SIZE) * 4 / 3;
        goal = Math.min(goal, MAX_SIZE / 2);
        sweep(now, ENTRY_TIMEOUT, goal);
    }

    /** Drops entries unused for {@code idle} from the bucket after the rover on, until {@code goal} went. */
    private void sweep(long now, long idle, int goal) {
        int j = rover;
        for (int i = 0; i < TAB_SIZE; i++) {
            j = (j + 1) & TAB_MASK;
            Iterator<E> it = buckets.get(j).iterator();
            while (it.hasNext()) {
                E e = it.next();
                if (now - (e.lastUse + idle) < 0) { // time_before(now, lastuse + idle)
                    continue;
                }
                it.remove();
                entries--;
                goal--;
            }
            if (goal <= 0) {
                break;
            }
        }
        rover = j;
    }

    static int bucket(InetAddress address) {
        return Hashes.hash32(Hashes.fold(address), TAB_BITS);
    }

    int size() {
        return entries;
    }

    long dropped() {
        return dropped;
    }
}
