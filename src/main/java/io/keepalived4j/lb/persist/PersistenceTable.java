package io.keepalived4j.lb.persist;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * IPVS persistence for the userspace proxy: which real server each client (masked by the
 * service's granularity) keeps across connections, with the kernel's template rules
 * (docs/persistence.md). Called from every event-loop thread: a {@link ConcurrentHashMap}, one
 * monitor per binding, no lock across the table; every time is passed in ({@code System.nanoTime()}
 * in production, virtual time in tests).
 *
 * <pre>{@code
 * table.addService(vs.describe(), PersistencePolicy.of(vs));
 * table.setDestination(vs.describe(), rs, weight);          // mirror the pool (DataPlane calls)
 * // a new connection from client:
 * Binding b = table.lookup(svc, client, now)
 *         .or(() -> table.bind(svc, client, scheduler.pick(), now))
 *         .orElse(null);                                     // null: table full, schedule without persistence
 * if (b != null) table.connectionOpened(b);
 * // ... and when it ends:
 * table.connectionClosed(b, now);
 * // every second or so:
 * table.expire(now);
 * }</pre>
 */
public final class PersistenceTable {

    /** The default bound on templates. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    /**
     * ip_vs_conn.c {@code ip_vs_conn_expire()}: a template whose timer fires while it still
     * controls connections is re-armed for 60 s.
     */
    public static final Duration RECHECK = Duration.ofSeconds(60);

    private record Service(PersistencePolicy policy, ConcurrentMap<InetSocketAddress, Long> weights) {
    }

    /** Counters since start. */
    public record Counters(long created, long refused, long expired, long invalidated, long unknownService) {
    }

    /** What {@link #install} did with a peer's binding. */
    public enum InstallOutcome {
        /** a new template */
        INSTALLED,
        /** the same destination: lifetime extended */
        EXTENDED,
        /** the same destination, already living as long */
        UNCHANGED,
        /** another destination that lives longer here or controls connections here: kept */
        LOCAL_FRESHER,
        /** no lifetime left: nothing to install */
        STALE,
        /** no such service here */
        UNKNOWN_SERVICE,
        /** the table is at its bound */
        FULL
    }

    private final int maxEntries;
    private final boolean expireQuiescentTemplate;
    private final ConcurrentHashMap<BindingKey, Binding> bindings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Service> services = new ConcurrentHashMap<>();
    /** Slots taken: bindings in the map plus inserts under way; never above maxEntries. */
    private final AtomicInteger slots = new AtomicInteger();
    private final LongAdder created = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder invalidated = new LongAdder();
    private final LongAdder unknownService = new LongAdder();
    private volatile Consumer<Binding> announcer = b -> {
    };

    /** {@link #DEFAULT_MAX_ENTRIES} templates, IPVS's default expire_quiescent_template (0). */
    public PersistenceTable() {
        this(DEFAULT_MAX_ENTRIES, false);
    }

    /**
     * @param maxEntries              at most this many templates; past it new clients are refused (counted)
     * @param expireQuiescentTemplate the net.ipv4.vs.expire_quiescent_template sysctl: a template
     *                                whose destination has weight 0 is invalid (IPVS default: off,
     *                                persistent clients keep reaching a quiesced server)
     */
    public PersistenceTable(int maxEntries, boolean expireQuiescentTemplate) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.expireQuiescentTemplate = expireQuiescentTemplate;
    }

    /** A persistent service (again, on reload: existing templates keep the timeout they were made with). */
    public void addService(String service, PersistencePolicy policy) {
        services.compute(service, (k, old) -> new Service(policy, old == null ? new ConcurrentHashMap<>() : old.weights()));
    }

    /** The service goes: its templates with it. */
    public void removeService(String service) {
        if (services.remove(service) != null) {
            for (Binding b : bindings.values()) {
                if (b.service().equals(service)) {
                    retire(b);
                }
            }
        }
    }

    /**
     * {@code dest} serves {@code service} with {@code weight}; 0 is quiesced, which keeps its
     * templates valid unless expireQuiescentTemplate.
     */
    public void setDestination(String service, InetSocketAddress dest, long weight) {
        Service s = services.get(service);
        if (s != null) {
            s.weights().put(dest, weight);
        }
    }

    /**
     * {@code dest} leaves {@code service}: its templates are invalid from now on (ip_vs_conn.c
     * {@code ip_vs_check_template()}, lazily, at their next lookup, as the kernel does: connections
     * they control go on, the next new connection of their clients is scheduled afresh).
     */
    public void removeDestination(String service, InetSocketAddress dest) {
        Service s = services.get(service);
        if (s != null) {
            s.weights().remove(dest);
        }
    }

    /**
     * The live template of {@code client} for a new connection, re-armed to now + timeout (IPVS
     * re-arms a template at each connection it schedules); empty when there is none, it expired,
     * or its destination is no longer valid. Call it only to schedule a connection.
     */
    public Optional<Binding> lookup(String service, InetAddress client, long nowNanos) {
        Service s = services.get(service);
        if (s == null) {
            return Optional.empty();
        }
        Binding b = bindings.get(new BindingKey(service, s.policy().granularity().mask(client)));
        if (b == null) {
            return Optional.empty();
        }
        if (!valid(s, b.destination())) {
            invalidated.increment();
            retire(b);
            return Optional.empty();
        }
        return use(b, nowNanos) ? Optional.of(b) : Optional.empty();
    }

    /**
     * Makes {@code dest} the template of {@code client}: the binding, or the one a concurrent bind
     * made first (use its destination), or empty when the service is not persistent here or the
     * table is full (counted: schedule this connection without persistence).
     */
    public Optional<Binding> bind(String service, InetAddress client, InetSocketAddress dest, long nowNanos) {
        Service s = services.get(service);
        if (s == null) {
            unknownService.increment();
            return Optional.empty();
        }
        BindingKey key = new BindingKey(service, s.policy().granularity().mask(client));
        long timeout = s.policy().timeoutNanos();
        while (true) {
            Binding cur = bindings.get(key);
            if (cur != null) {
                if (!valid(s, cur.destination())) {
                    invalidated.increment();
                    retire(cur);
                } else if (use(cur, nowNanos)) {
                    return Optional.of(cur);
                }
                continue;
            }
            if (!reserveSlot()) {
                refused.increment();
                return Optional.empty();
            }
            Binding fresh = new Binding(key, dest, timeout, nowNanos + timeout, nowNanos);
            fresh.use(nowNanos);   // records what the announcement below tells the peers
            if (bindings.putIfAbsent(key, fresh) == null) {
                created.increment();
                announcer.accept(fresh);
                return Optional.of(fresh);
            }
            slots.decrementAndGet();
        }
    }

    /**
     * A connection was opened through {@code binding}: the template lives at least as long as it.
     *
     * @return false when the binding left the table meanwhile (the connection still counts; the
     *         next one of this client is scheduled afresh)
     */
    public boolean connectionOpened(Binding binding) {
        return binding.open();
    }

    /**
     * The proxy could not connect to {@code binding}'s destination for a new connection: the
     * template goes, so the retry schedules the client afresh (IPVS has no retry, so no such case).
     */
    public void drop(Binding binding) {
        invalidated.increment();
        retire(binding);
    }

    /** A connection opened through {@code binding} ended. */
    public void connectionClosed(Binding binding, long nowNanos) {
        binding.close(nowNanos);
    }

    /**
     * The sweep (call it every second or so): drops expired templates and asks the peers to
     * refresh copies that would lapse too early. Returns how many expired.
     */
    public int expire(long nowNanos) {
        int n = 0;
        for (Binding b : bindings.values()) {
            switch (b.sweep(nowNanos)) {
                case GONE -> {
                    if (remove(b)) {
                        expired.increment();
                        n++;
                    }
                }
                case ANNOUNCE -> announcer.accept(b);
                case ALIVE -> {
                }
            }
        }
        return n;
    }

    /**
     * A peer's template (from {@link PersistenceSync}): installed unless a fresher local one
     * exists. The lifetime is capped at the local timeout (or {@link #RECHECK}), so a peer cannot
     * pin a client for longer than this node's configuration would. Never announced back.
     */
    public InstallOutcome install(String service, InetAddress client, InetSocketAddress dest, long remainingNanos, long nowNanos) {
        Service s = services.get(service);
        if (s == null) {
            return InstallOutcome.UNKNOWN_SERVICE;
        }
        if (remainingNanos <= 0) {
            return InstallOutcome.STALE;
        }
        BindingKey key = new BindingKey(service, s.policy().granularity().mask(client));
        long timeout = s.policy().timeoutNanos();
        long expiry = nowNanos + Math.clamp(remainingNanos, 0, Math.max(timeout, RECHECK.toNanos()));
        while (true) {
            Binding cur = bindings.get(key);
            if (cur != null) {
                switch (cur.absorb(dest, expiry, nowNanos)) {
                    case UNCHANGED -> {
                        return InstallOutcome.UNCHANGED;
                    }
                    case EXTENDED -> {
                        return InstallOutcome.EXTENDED;
                    }
                    case LOCAL_FRESHER -> {
                        return InstallOutcome.LOCAL_FRESHER;
                    }
                    case GONE -> remove(cur);
                }
                continue;
            }
            if (!reserveSlot()) {
                return InstallOutcome.FULL;
            }
            if (bindings.putIfAbsent(key, Binding.fromPeer(key, dest, timeout, expiry, nowNanos)) == null) {
                return InstallOutcome.INSTALLED;
            }
            slots.decrementAndGet();
        }
    }

    /** Templates in the table (expired ones until the next sweep or lookup). */
    public int size() {
        return slots.get();
    }

    /** New clients refused a template because the table was full. */
    public long refusals() {
        return refused.sum();
    }

    public Counters counters() {
        return new Counters(created.sum(), refused.sum(), expired.sum(), invalidated.sum(), unknownService.sum());
    }

    /** Where new and refreshed templates go ({@link PersistenceSync}); one at a time. */
    void announceTo(Consumer<Binding> sink) {
        announcer = sink;
    }

    /** The live templates, for status and tests. */
    Map<BindingKey, Binding> view() {
        return Collections.unmodifiableMap(bindings);
    }

    private boolean valid(Service s, InetSocketAddress dest) {
        Long weight = s.weights().get(dest);
        return weight != null && !(expireQuiescentTemplate && weight == 0);
    }

    private boolean use(Binding b, long now) {
        switch (b.use(now)) {
            case ALIVE -> {
                return true;
            }
            case ANNOUNCE -> {
                announcer.accept(b);
                return true;
            }
            default -> {
                remove(b);
                return false;
            }
        }
    }

    /** Ends {@code b}: never found again; connections it controls go on. */
    private void retire(Binding b) {
        b.retire();
        remove(b);
    }

    /** Takes a retired binding out; exactly one caller frees its slot. */
    private boolean remove(Binding b) {
        if (bindings.remove(b.key(), b)) {
            slots.decrementAndGet();
            return true;
        }
        return false;
    }

    private boolean reserveSlot() {
        while (true) {
            int n = slots.get();
            if (n >= maxEntries) {
                return false;
            }
            if (slots.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }
}
