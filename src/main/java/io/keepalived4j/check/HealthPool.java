package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.FileCheck;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.DataPlane;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Every virtual server's pool and every checker, run as keepalived's checker process runs them:
 * each checker on its own virtual thread (thousands cost no platform thread), first attempt after
 * 1 s plus a random share of warmup, then as its epilog says; results applied one at a time under
 * one lock, so the {@link DataPlane} sees changes in order and never concurrently.
 *
 * <pre>{@code
 * HealthPool pool = HealthPool.create(config.lvs().virtualServers(), dataPlane, listener, settings, factory);
 * pool.start();      // data plane filled, "Activating healthchecker ..." lines, checkers running
 * ...
 * pool.close();      // checkers stopped, "Shutting down service ..." lines, services removed
 * }</pre>
 */
public final class HealthPool implements AutoCloseable {

    /** keepalived's BOOTSTRAP_DELAY before any checker's first attempt. */
    static final Duration BOOTSTRAP_DELAY = Duration.ofSeconds(1);
    /** How long close() waits for a checker's attempt to notice the interrupt. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    final ReentrantLock lock = new ReentrantLock();
    final List<VirtualServerPool> pools;
    final List<CheckerSlot> slots;
    final PoolListener out;
    private final CheckClock clock;
    /** Each running checker's thread (changed only under the lock once started). */
    final java.util.Map<CheckerSlot, Thread> runners = new java.util.LinkedHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    volatile boolean started;
    volatile boolean closed;

    final DataPlane dataPlane;

    private HealthPool(List<VirtualServerPool> pools, List<CheckerSlot> slots, DataPlane dataPlane, PoolListener out,
                       CheckClock clock) {
        this.pools = pools;
        this.dataPlane = dataPlane;
        this.slots = slots;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Builds the pools for {@code virtualServers}; {@code checks} makes the attempt side of each
     * timed checker (empty when the checker cannot run, e.g. a MISC_CHECK whose script was
     * refused: keepalived removes such a checker, and so do we).
     */
    public static HealthPool create(List<VirtualServer> virtualServers, DataPlane dataPlane, PoolListener out,
                                    PoolSettings settings, CheckFactory checks, CheckClock clock) {
        List<VirtualServerPool> pools = new ArrayList<>();
        List<CheckerSlot> slots = new ArrayList<>();
        for (VirtualServer vs : virtualServers) {
            VirtualServerPool pool = new VirtualServerPool(vs, dataPlane, out, settings);
            pools.add(pool);
            slots.addAll(slotsOf(pool, checks));
        }
        return new HealthPool(pools, slots, dataPlane, out, clock);
    }

    /** The checkers of {@code pool}'s real servers, attached to their servers. */
    static List<CheckerSlot> slotsOf(VirtualServerPool pool, CheckFactory checks) {
        VirtualServer vs = pool.config;
        List<CheckerSlot> slots = new ArrayList<>();
        for (RealServerEntry rs : pool.servers) {
            RealServer rsConfig = rs.config.orElseThrow();
            for (Checker c : rsConfig.checkers()) {
                Optional<HealthCheck> check;
                if (c instanceof io.keepalived4j.config.model.lvs.TimedChecker) {
                    check = checks.create(c, vs, rsConfig);
                    if (check.isEmpty()) {
                        continue;
                    }
                } else if (c instanceof FileCheck) {
                    check = Optional.empty();
                } else {
                    continue; // BFD_CHECK: no BFD in this release (reported by -t and at start)
                }
                boolean alpha = c instanceof io.keepalived4j.config.model.lvs.TimedChecker t ? t.timing().alpha()
                        : rsConfig.alpha();
                CheckerSlot slot = new CheckerSlot(c, rs, check, alpha);
                rs.checkers.add(slot);
                slots.add(slot);
            }
        }
        return slots;
    }

    /**
     * Fills the data plane and starts the checkers. {@code fileValues} gives each FILE_CHECK's
     * status now (see {@link FileCheckStatus}); {@code addressPresent} whether a ha_suspend virtual
     * server's address is on this host.
     */
    public void start(Function<FileCheck, Long> fileValues, Function<VirtualServer, Boolean> addressPresent) {
        prepare(fileValues, addressPresent);
        List<Thread> threads;
        lock.lock();
        try {
            threads = runnersFor(slots);
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::start);
    }

    /** Unstarted threads for the timed checkers among {@code some}, registered as runners (under the lock). */
    List<Thread> runnersFor(List<CheckerSlot> some) {
        List<Thread> threads = new ArrayList<>();
        for (CheckerSlot c : some) {
            c.check.ifPresent(check -> {
                VirtualServerPool pool = poolOf(c);
                Thread t = Thread.ofVirtual().name("checker " + c.keyword() + " " + c.server.text)
                        .unstarted(() -> run(pool, c, check));
                runners.put(c, t);
                threads.add(t);
            });
        }
        return threads;
    }

    /** The state part of {@link #start}: data plane, initial states, activation lines; no thread. */
    void prepare(Function<FileCheck, Long> fileValues, Function<VirtualServer, Boolean> addressPresent) {
        lock.lock();
        try {
            for (VirtualServerPool pool : pools) {
                preparePool(pool, fileValues, addressPresent);
            }
            dataPlane.populated();
            for (VirtualServerPool pool : pools) {
                activate(pool);
            }
            started = true;
        } finally {
            lock.unlock();
        }
    }

    /** One pool's initial states and its data-plane entries, as at start (under the lock). */
    private void preparePool(VirtualServerPool pool, Function<FileCheck, Long> fileValues,
                             Function<VirtualServer, Boolean> addressPresent) {
        prepareCheckers(pool, fileValues, addressPresent, java.util.Set.of());
        pool.start();
    }

    /**
     * One pool's checkers' initial states, as at start, but for the {@code carried} ones, which a
     * reload carried over from their previous pool (under the lock).
     */
    void prepareCheckers(VirtualServerPool pool, Function<FileCheck, Long> fileValues,
                                 Function<VirtualServer, Boolean> addressPresent, java.util.Set<CheckerSlot> carried) {
        if (pool.config.pool().haSuspend()) {
            pool.suspendAddressCount = addressPresent.apply(pool.config) ? 1 : 0;
        }
        for (RealServerEntry rs : pool.servers) {
            for (CheckerSlot c : rs.checkers) {
                if (carried.contains(c)) {
                    continue;
                }
                if (c.config instanceof FileCheck f) {
                    long v = fileValues.apply(f);
                    c.fileStatus = v;
                    if (FileCheckStatus.isFault(v)) {
                        pool.startDown(c);
                    } else {
                        c.curWeight = v;
                        rs.effectiveWeight += v;
                    }
                } else {
                    c.retryIt = c.timing.orElseThrow().retry();
                    if (c.alpha) {
                        pool.startDown(c);
                    }
                }
            }
        }
    }

    /** One pool's checkers enabled (or held by ha_suspend), with keepalived's activation lines. */
    private void activate(VirtualServerPool pool) {
        activate(pool, java.util.Set.of());
    }

    /** As above; the checkers a reload {@code carried} over go on without a line. */
    void activate(VirtualServerPool pool, java.util.Set<CheckerSlot> carried) {
        for (RealServerEntry rs : pool.servers) {
            for (CheckerSlot c : rs.checkers) {
                if (c.check.isEmpty()) {
                    continue;
                }
                c.enabled = !pool.config.pool().haSuspend() || pool.suspendAddressCount > 0;
                if (carried.contains(c)) {
                    continue;
                }
                out.log((c.enabled ? "A" : "Dea") + "ctivating healthchecker for service " + rs.text
                        + " for VS " + pool.text);
            }
        }
    }

    /**
     * SIGHUP: the pools follow {@code next} (see {@link PoolReloadPlan} for the matching). A kept
     * virtual server is not touched at all: its checkers run on, its servers keep their states and
     * the data plane hears nothing of it. A removed one stops as at SIGTERM ("Shutting down
     * service" lines, its service removed); an added one starts as at start. A changed one is
     * stopped and started again with its new configuration, its checks restarted (a real server
     * starts up, or down with alpha, as at start); the data plane hears it between
     * {@link DataPlane#reloading()} and {@link DataPlane#populated()}, so IPVS edits the service in
     * place and keeps its connections. Returns what it did (nothing before start or after close).
     */
    public PoolReloadResult reload(List<VirtualServer> next, PoolSettings settings, CheckFactory checks,
                                   Function<FileCheck, Long> fileValues,
                                   Function<VirtualServer, Boolean> addressPresent) {
        return PoolReload.run(this, next, settings, checks, fileValues, addressPresent);
    }

    /** What {@link #reload} did, by virtual server. */
    public record PoolReloadResult(int kept, int changed, int added, int removed) {
        public String summary() {
            return kept + " kept, " + changed + " changed, " + added + " added, " + removed + " removed";
        }
    }

    VirtualServerPool poolFor(VirtualServer vs) {
        for (VirtualServerPool p : pools) {
            if (p.config == vs) {
                return p;
            }
        }
        throw new IllegalStateException("no pool for " + vs.describe());
    }

    /** Applies one attempt's result, as a checker's thread does (tests drive it directly). */
    CheckerEpilogs.Next apply(CheckerSlot c, CheckResult result) {
        lock.lock();
        try {
            if (c.stopped) {
                return null; // its virtual server went in a reload while the attempt ran
            }
            CheckerEpilogs.Next next = CheckerEpilogs.afterAttempt(poolOf(c), c, c.check.orElseThrow(), result);
            c.nextDelay = next.delay();
            return next;
        } finally {
            lock.unlock();
        }
    }

    List<CheckerSlot> slots() {
        return slots;
    }

    /** Each running checker's thread now (tests: a kept virtual server's checkers are the same threads). */
    java.util.Map<CheckerSlot, Thread> runners() {
        lock.lock();
        try {
            return java.util.Map.copyOf(runners);
        } finally {
            lock.unlock();
        }
    }

    private VirtualServerPool poolOf(CheckerSlot c) {
        for (VirtualServerPool p : pools) {
            if (p.servers.contains(c.server)) {
                return p;
            }
        }
        throw new IllegalStateException("checker without a pool");
    }

    /** One checker's life: wait, attempt, apply, until the pool closes. */
    private void run(VirtualServerPool pool, CheckerSlot c, HealthCheck check) {
        var timing = c.timing.orElseThrow();
        try {
            long warmupNanos = timing.warmup().toNanos();
            Duration first = BOOTSTRAP_DELAY.plusNanos(
                    warmupNanos > 0 ? ThreadLocalRandom.current().nextLong(warmupNanos + 1) : 0);
            clock.sleep(first);
            while (!closed && !c.stopped) {
                if (!c.enabled) {
                    clock.sleep(timing.delayLoop());
                    continue;
                }
                long startNanos = clock.nanoTime();
                CheckResult result;
                try {
                    result = check.attempt();
                } catch (RuntimeException e) {
                    // A checker bug must not end its server's checking: count it, call it a failure.
                    internalErrors.incrementAndGet();
                    out.log(c.keyword() + " on service " + c.server.text + ": internal error " + e);
                    result = CheckResult.down(c.keyword() + " on service " + c.server.text + " failed (internal error).");
                }
                attempts.incrementAndGet();
                CheckerEpilogs.Next next;
                if (closed) {
                    return;
                }
                next = apply(c, result);
                if (next == null) {
                    return;
                }
                Duration wait = next.delay();
                if (next.fromStart()) {
                    wait = wait.minusNanos(clock.nanoTime() - startNanos);
                    if (wait.isNegative() || wait.isZero()) {
                        wait = Duration.ofNanos(1000);
                    }
                }
                clock.sleep(wait);
            }
        } catch (InterruptedException e) {
            // close(): the daemon is stopping
        }
    }

    /**
     * A FILE_CHECK's tracked file changed: {@code status} is its value times its weight, or
     * {@link CheckerEpilogs#WEIGHT_FAULT}.
     */
    public void fileChanged(FileCheck check, long status) {
        lock.lock();
        try {
            if (!started || closed) {
                return;
            }
            for (CheckerSlot c : slots) {
                if (c.config == check) {
                    long previous = c.fileStatus;
                    c.fileStatus = status;
                    CheckerEpilogs.fileStatus(poolOf(c), c, previous, status);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * ha_suspend: {@code address} was added to (or removed from) an interface of this host; the
     * checkers of virtual servers on that address resume (or pause), as keepalived's
     * update_checker_activity() does.
     */
    public void addressChanged(InetAddress address, boolean added) {
        lock.lock();
        try {
            for (VirtualServerPool pool : pools) {
                if (!pool.config.pool().haSuspend()
                        || !(pool.config.key() instanceof io.keepalived4j.config.model.lvs.ServiceKey.Address a)
                        || !a.address().equals(address)) {
                    continue;
                }
                pool.suspendAddressCount = Math.max(0, pool.suspendAddressCount + (added ? 1 : -1));
                for (CheckerSlot c : slots) {
                    if (c.check.isEmpty() || !pool.servers.contains(c.server)) {
                        continue;
                    }
                    if (added != c.enabled && (added || pool.suspendAddressCount == 0)) {
                        out.log((added ? "Activat" : "Suspend") + "ing healthchecker for service " + c.server.text
                                + " for VS " + pool.text);
                        c.enabled = added;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** What a runtime-control change of one real server did. */
    public enum ControlOutcome {
        DONE, UNCHANGED, NOT_FOUND
    }

    /**
     * Runtime control: drains {@code server} of {@code service} (weight 0 in the data plane until
     * enabled; its checkers keep running) or enables it.
     */
    public ControlOutcome drain(VirtualServer service, RealServer server, boolean drained) {
        lock.lock();
        try {
            for (VirtualServerPool pool : pools) {
                for (RealServerEntry rs : pool.servers) {
                    if (pool.config.equals(service) && rs.config.isPresent() && rs.config.get().equals(server)) {
                        if (!started || closed) {
                            return ControlOutcome.NOT_FOUND;
                        }
                        return pool.drain(rs, drained) ? ControlOutcome.DONE : ControlOutcome.UNCHANGED;
                    }
                }
            }
            return ControlOutcome.NOT_FOUND;
        } finally {
            lock.unlock();
        }
    }

    /** Runtime control: {@code server}'s weight becomes {@code weight} in place of the configured one. */
    public ControlOutcome setWeight(VirtualServer service, RealServer server, long weight) {
        lock.lock();
        try {
            for (VirtualServerPool pool : pools) {
                for (RealServerEntry rs : pool.servers) {
                    if (pool.config.equals(service) && rs.config.isPresent() && rs.config.get().equals(server)
                            && started && !closed) {
                        if (rs.baseWeight == weight) {
                            return ControlOutcome.UNCHANGED;
                        }
                        pool.setBaseWeight(rs, weight);
                        return ControlOutcome.DONE;
                    }
                }
            }
            return ControlOutcome.NOT_FOUND;
        } finally {
            lock.unlock();
        }
    }

    /** Whether runtime control drained the server named {@code server} (keepalived's text) of {@code service}. */
    public boolean drained(String service, String server) {
        lock.lock();
        try {
            for (VirtualServerPool pool : pools) {
                for (RealServerEntry rs : pool.servers) {
                    if (pool.text.equals(service) && rs.text.equals(server)) {
                        return rs.drained;
                    }
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Attempts made so far, by all checkers. */
    public long attempts() {
        return attempts.get();
    }

    /** Attempts that ended in a checker's own bug (counted as failures). */
    public long internalErrors() {
        return internalErrors.get();
    }

    /** The virtual servers as they run now (after the last reload), in the file's order. */
    public List<VirtualServer> virtualServers() {
        lock.lock();
        try {
            return pools.stream().map(p -> p.config).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The pools now, for the status endpoint, dumps and tests. */
    public List<PoolStatus.VirtualServerStatus> status() {
        lock.lock();
        try {
            return pools.stream().map(PoolStatus::of).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Stops every checker, then takes the servers out and the services down (keepalived's stop). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> threads;
        lock.lock();
        try {
            threads = List.copyOf(runners.values());
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::interrupt);
        join(threads);
        lock.lock();
        try {
            if (started) {
                pools.forEach(VirtualServerPool::stop);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for stopped checkers' threads, {@link #STOP_WAIT} at most in all. */
    static void join(List<Thread> threads) {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }
}
