package io.keepalived4j.lb.persist;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One persistence template: clients of {@link #client()} (already masked by the service's
 * granularity) go to {@link #destination()} of {@link #service()}. The proxy holds it for each
 * connection it opened through it ({@link PersistenceTable#connectionOpened},
 * {@link PersistenceTable#connectionClosed}); a binding that left the table (expired, replaced,
 * its service removed) keeps counting its connections but is never found again.
 *
 * <p>Port 0 in the destination (a real server of a port-0, all-ports service) means "the port the
 * client connected to", as IPVS forwards such connections (ip_vs_sched_persist(): {@code dport}
 * stays the packet's destination port).
 *
 * <p>Lifetime, as ip_vs_conn.c runs templates: every new connection through it re-arms its timer
 * to now + timeout; when the timer fires while the template still controls connections, it is
 * re-armed for {@link PersistenceTable#RECHECK} (60 s) and checked again
 * ({@code ip_vs_conn_expire()}, {@code expire_later}); it dies at the first firing with none. The
 * state lives under this object's monitor: one lock per client, none across the table.
 */
public final class Binding {

    private final BindingKey key;
    private final InetSocketAddress destination;
    private final long timeoutNanos;

    // Guarded by this.
    private long deadline;          // the timer: last new connection + timeout
    private int connections;        // IPVS's n_control
    private long idleSince;         // when connections last fell to 0
    private boolean retired;        // left the table
    private boolean announced;      // the peers were told at least once
    private long peerExpiry;        // when the peers' copy lapses, as far as we told them

    Binding(BindingKey key, InetSocketAddress destination, long timeoutNanos, long deadline, long now) {
        this.key = key;
        this.destination = destination;
        this.timeoutNanos = timeoutNanos;
        this.deadline = deadline;
        this.idleSince = now;
    }

    /** The service id the proxy gave (e.g. {@code [10.0.0.1]:tcp:80}). */
    public String service() {
        return key.service();
    }

    /** The client address masked by the service's granularity. */
    public InetAddress client() {
        return key.client();
    }

    /** The real server; port 0 means the port the client asked for. */
    public InetSocketAddress destination() {
        return destination;
    }

    /** The connections this binding controls now. */
    public synchronized int connections() {
        return connections;
    }

    BindingKey key() {
        return key;
    }

    synchronized boolean retired() {
        return retired;
    }

    /** When the template dies if nothing happens any more (valid only while idle). */
    private long idleExpiry() {
        if (idleSince - deadline <= 0) {
            return deadline;
        }
        // The timer kept firing every RECHECK while connections were open: the first firing after
        // the last one closed ends it.
        long recheck = PersistenceTable.RECHECK.toNanos();
        long late = idleSince - deadline;
        return deadline + Math.ceilDiv(late, recheck) * recheck;
    }

    /** When the template would end if every connection closed now (what the peers must keep). */
    private long effectiveExpiry(long now) {
        if (connections == 0) {
            return idleExpiry();
        }
        long linger = now + PersistenceTable.RECHECK.toNanos();
        return deadline - linger > 0 ? deadline : linger;
    }

    private boolean expired(long now) {
        return connections == 0 && now - idleExpiry() >= 0;
    }

    /**
     * A new connection is scheduled through this template: re-arm the timer. Returns whether the
     * template is still alive (if not, the caller drops it and binds anew).
     */
    synchronized Use use(long now) {
        if (retired || expired(now)) {
            retired = true;
            return Use.GONE;
        }
        deadline = now + timeoutNanos;
        return announceIfStale(now) ? Use.ANNOUNCE : Use.ALIVE;
    }

    enum Use { ALIVE, ANNOUNCE, GONE }

    /** The sweep: retires an expired template, or says whether the peers' copy needs refreshing. */
    synchronized Use sweep(long now) {
        if (retired) {
            return Use.GONE;
        }
        if (expired(now)) {
            retired = true;
            return Use.GONE;
        }
        return announceIfStale(now) ? Use.ANNOUNCE : Use.ALIVE;
    }

    /**
     * Whether to tell the peers again: never told, or their copy would lapse more than the resync
     * period before ours. Records what they will believe.
     */
    private boolean announceIfStale(long now) {
        long ours = effectiveExpiry(now);
        if (announced && ours - peerExpiry < resyncNanos(timeoutNanos)) {
            return false;
        }
        announced = true;
        peerExpiry = ours;
        return true;
    }

    /** How far the peers' copy may lag ours: a quarter of the timeout, 1 s to 30 s. */
    static long resyncNanos(long timeoutNanos) {
        return Math.clamp(timeoutNanos / 4, 1_000_000_000L, 30_000_000_000L);
    }

    synchronized void retire() {
        retired = true;
    }

    /** @return false when the binding has already left the table (the connection still counts) */
    synchronized boolean open() {
        connections++;
        return !retired;
    }

    /** @return false for a close without an open (ignored) */
    synchronized boolean close(long now) {
        if (connections == 0) {
            return false;
        }
        if (--connections == 0) {
            idleSince = now;
        }
        return true;
    }

    /** What to send the peers now; empty once the template is gone. */
    synchronized SyncEntry syncEntry(long now) {
        if (retired || expired(now)) {
            return null;
        }
        long remainingMillis = Math.max(0, (effectiveExpiry(now) - now) / 1_000_000);
        return new SyncEntry(key.service(), key.client(), destination, Math.min(remainingMillis, SyncEntry.MAX_REMAINING_MILLIS));
    }

    /**
     * A peer says this client goes to {@code dest} until {@code expiry}. Same destination: the later
     * expiry wins. Another destination: ours stays while it controls connections or lives at least
     * as long; otherwise ours is retired and the caller installs the peer's.
     */
    synchronized Install absorb(InetSocketAddress dest, long expiry, long now) {
        if (retired) {
            return Install.GONE;
        }
        if (expired(now)) {
            retired = true;
            return Install.GONE;
        }
        if (dest.equals(destination)) {
            if (expiry - effectiveExpiry(now) <= 0) {
                return Install.UNCHANGED;
            }
            deadline = expiry;
            announced = true;
            peerExpiry = Math.max(peerExpiry, expiry);
            return Install.EXTENDED;
        }
        if (connections > 0 || effectiveExpiry(now) - expiry >= 0) {
            return Install.LOCAL_FRESHER;
        }
        retired = true;
        return Install.GONE;
    }

    enum Install { UNCHANGED, EXTENDED, LOCAL_FRESHER, GONE }

    /** Installed from a peer: the peer already knows it, so it is not announced back. */
    static Binding fromPeer(BindingKey key, InetSocketAddress dest, long timeoutNanos, long expiry, long now) {
        Binding b = new Binding(key, dest, timeoutNanos, expiry, now);
        b.announced = true;
        b.peerExpiry = expiry;
        return b;
    }

    @Override
    public synchronized String toString() {
        return key.service() + " " + key.client().getHostAddress() + " -> " + destination + " (" + connections + " conns)";
    }
}
