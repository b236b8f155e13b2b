package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.vrrp.engine.VrrpHost;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The VRRP daemon: every vrrp_instance of a configuration on this host's interfaces, on real
 * sockets, until {@link #stop()} (SIGTERM), which sends priority-0 adverts from masters, removes
 * the VIPs and releases every socket and thread.
 *
 * <pre>{@code
 * try (VrrpDaemon d = VrrpDaemon.start(config)) {
 *     d.awaitStop();
 * }
 * }</pre>
 *
 * <p>Start-up opens everything (sockets, VMACs, netlink, trackers' first values, the static
 * addresses) before the first state change, and undoes what it did when any step fails. Its
 * threads are supervised ({@link Supervisor}): a component that keeps failing, a failed or stuck
 * VRRP loop, or an out-of-memory error stops the daemon as SIGTERM does, and the process then exits
 * with {@link #exitStatus()} 1 so that a service manager restarts it.
 *
 * <p>What the instances run on (sockets, loop, threads, trackers) is one {@link VrrpGeneration}; a
 * reload ({@link #reload}) hands the instances over to a generation built from the new file
 * ({@link VrrpHandover}), so status, runtime control and the stop always reach the current one.
 *
 * <p>A stop ends within {@link #STOP_BOUND}, counted from when it starts: the loop gets
 * {@link #LOOP_SHUTDOWN_WAIT} to send the priority-0 adverts and remove the VIPs itself; when it
 * cannot (stuck or dead), the stopping thread does both directly, over a netlink socket of its own.
 * Every later step (notifications, closing sockets, joining threads) has its own time limit.
 */
public final class VrrpDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** The longest a stop takes, from its start to the last thread joined. */
    public static final Duration STOP_BOUND = Duration.ofSeconds(10);
    /** How long the stop waits for the loop to run the orderly shutdown before doing it itself. */
    static final Duration LOOP_SHUTDOWN_WAIT = Duration.ofSeconds(2);
    /** How long a stop waits for a reload's hand-over to finish (twice the hand-over's own bound). */
    private static final long STOP_LOCK_WAIT_MILLIS = VrrpHandover.FREEZE_WAIT.toMillis() * 2;
    /** How long the STOP notifications may take at the end. */
    static final Duration NOTIFY_DRAIN = Duration.ofSeconds(3);
    /** The exit status after a stop the daemon decided on (a failed component). */
    public static final int EXIT_FAILURE = 1;

    private final HostOs os;
    private final FaultHooks faults;
    private final DaemonSettings settings;
    /** Every generation's loop counts from here, so a reload's carried timers keep their instants. */
    private final long clockOrigin = System.nanoTime();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Held by a reload's hand-over and by a stop's start: one at a time. */
    private final java.util.concurrent.locks.ReentrantLock generations = new java.util.concurrent.locks.ReentrantLock();
    private final List<java.util.function.BiConsumer<String, String>> observers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile VrrpGeneration current;
    private volatile ServiceNotifier serviceNotifier;
    private volatile int exitStatus;
    private volatile String failure = "";
    private volatile Runnable onStopStarted = () -> { };

    private VrrpDaemon(HostOs os, FaultHooks faults, DaemonSettings settings) {
        this.os = os;
        this.faults = faults;
        this.settings = settings;
    }

    /** Opens everything and starts the instances; on failure nothing is left open. */
    public static VrrpDaemon start(KeepalivedConfig config) throws IOException {
        return start(config, DaemonSettings.defaults());
    }

    public static VrrpDaemon start(KeepalivedConfig config, DaemonSettings settings) throws IOException {
        return start(config, settings, new SystemHostOs(), FaultHooks.NONE);
    }

    /** On another host (the in-memory one of the tests), with fault hooks (tests only). */
    static VrrpDaemon start(KeepalivedConfig config, DaemonSettings settings, HostOs os, FaultHooks faults)
            throws IOException {
        VrrpDaemon d = new VrrpDaemon(os, faults, settings);
        VrrpGeneration g = VrrpGeneration.open(config, settings, os, faults, d::fail, d.clockOrigin,
                VrrpGeneration.Inheritance.NONE);
        d.current = g;
        try {
            g.begin(Map.of());
        } catch (RuntimeException | Error e) {
            d.undoStart();
            throw e;
        }
        LOG.info("Startup complete");
        return d;
    }

    /** What a reload's state transfer did. */
    record Reloaded(boolean applied, String line) {
    }

    /**
     * A reload's state transfer ({@link VrrpHandover}) to {@code next}, a checked configuration:
     * matched instances go on in their state, removed ones stop, added ones start. When it cannot
     * be done (a socket of the new file cannot be opened, the loop does not answer) the running
     * instances go on untouched.
     */
    Reloaded reload(KeepalivedConfig next) {
        generations.lock();
        try {
            if (stopping.get()) {
                return new Reloaded(false, "the daemon is stopping");
            }
            VrrpGeneration running = current;
            VrrpGeneration successor = VrrpHandover.run(running, next, (config, inheritance) -> {
                VrrpGeneration g = VrrpGeneration.open(config, settings, os, faults, this::fail, clockOrigin, inheritance);
                observers.forEach(g.notifications()::observe);
                return g;
            });
            current = successor;
            ServiceNotifier notifier = serviceNotifier;
            if (notifier != null) {
                successor.startServiceWatchdog(notifier);
            }
            return new Reloaded(true, "");
        } catch (VrrpHandover.NotHandedOver e) {
            return new Reloaded(false, e.getMessage());
        } finally {
            generations.unlock();
        }
    }

    /**
     * {@code observer} hears each instance's current state now and every change from now on
     * (instance name, state name), on the VRRP thread: it must only hand the change over. It goes
     * on hearing them across reloads (an added instance's first state too).
     */
    public void onInstanceState(java.util.function.BiConsumer<String, String> observer) {
        observers.add(observer);
        current.notifications().observe(observer);
        for (InstanceStatus s : status()) {
            observer.accept(s.name(), s.state().name());
        }
    }

    /** The current state of every instance (for status and tests). */
    public List<InstanceStatus> status() {
        List<InstanceStatus> out = new ArrayList<>();
        for (InstanceIo io : current.ios()) {
            InstanceStats s = io.stats();
            out.add(new InstanceStatus(io.name(), s.state(), io.holdsVips(), s.advertsSent(), s.advertsReceived(),
                    s.becameMaster(), s.splitBrainCount(), s.rejects().snapshot()));
        }
        return out;
    }

    /**
     * Every instance as the status outputs show it, read on the VRRP loop.
     *
     * @throws IllegalStateException when the loop is not running or does not answer within {@code timeout}
     */
    public List<io.keepalived4j.api.InstanceView> instanceViews(Duration timeout) {
        VrrpGeneration g = current;
        VrrpStatusSource source = g.statusSource();
        java.util.concurrent.atomic.AtomicReference<List<io.keepalived4j.api.InstanceView>> out =
                new java.util.concurrent.atomic.AtomicReference<>();
        if (!g.loop().call(() -> out.set(source.views()), timeout)) {
            throw new IllegalStateException("the VRRP loop did not answer within " + timeout.toMillis() + " ms");
        }
        return out.get();
    }

    /** Graceful stop: priority-0 adverts from masters, VIPs removed, everything closed. Idempotent. */
    public void stop() {
        stop(0);
    }

    /**
     * A component could not be kept running: stop as SIGTERM does, and exit non-zero. Called from
     * any thread, the failing one included, so the stop runs on a thread of its own.
     */
    void fail(String reason) {
        if (stopping.get()) {
            return;
        }
        failure = reason;
        Thread.ofPlatform().name("k4j-stop").daemon(false).start(() -> stop(EXIT_FAILURE));
    }

    private void stop(int status) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        exitStatus = status;
        // A reload's hand-over in progress finishes first (it is bounded, and it decides which
        // generation holds the instances).
        boolean locked = false;
        try {
            locked = generations.tryLock(STOP_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            VrrpGeneration g = current;
            // The priority-0 adverts before anything else, the service manager's "stopping" too:
            // every millisecond before them is a millisecond of outage.
            boolean orderly = sendPriorityZero(g);
            onStopStarted.run();
            finishStop(g, orderly);
        } finally {
            if (locked) {
                generations.unlock();
            }
            stopped.countDown();
        }
    }

    /**
     * The priority-0 adverts and VIP removal, run by the loop; true when it did. A loop that has
     * ended, or is stuck in a turn, is not waited for: the VIPs are then released directly.
     */
    private boolean sendPriorityZero(VrrpGeneration g) {
        g.supervisor().stopRestarting();
        VrrpLoop loop = g.loop();
        boolean orderly = false;
        String why = !loop.isAlive() ? "the VRRP loop has ended"
                : g.watchdog() != null && g.watchdog().stuck() ? "the VRRP loop is stuck" : "";
        if (why.isEmpty()) {
            try {
                orderly = loop.call(g.shutdownTask(), LOOP_SHUTDOWN_WAIT);
            } catch (RuntimeException e) {
                LOG.error("VRRP shutdown failed: {}", e.toString());
            }
            why = "the VRRP loop did not run the shutdown within " + LOOP_SHUTDOWN_WAIT.toMillis() + " ms";
        }
        if (!orderly) {
            LOG.error("{}: releasing the VIPs directly", why);
            g.releaseDirectly();
        }
        return orderly;
    }

    private void finishStop(VrrpGeneration g, boolean orderly) {
        LOG.info("Stopping");
        g.notifications().drain(g.ios().stream().map(InstanceIo::name).toList(), NOTIFY_DRAIN);
        g.close();
        if (!orderly) {
            // The loop was not waited for: a turn that was only slow may have added VIPs after the
            // direct release. Its sockets are closed now, so it can add no more: sweep once again.
            g.sweepVips();
        }
    }

    /**
     * The priority-0 adverts and VIP removal without the loop, from the calling thread, over a
     * netlink socket of its own (the loop's may be held by the stuck call). Once only.
     */
    void releaseDirectly() {
        current.releaseDirectly();
    }

    /**
     * A second SIGTERM while stopping, or the process watchdog: the VIPs go now, whatever the
     * orderly stop is waiting for. The caller then ends the process.
     */
    public void forceRelease() {
        releaseDirectly();
    }

    /** A start that failed part-way: whatever state changed is undone, then everything closed. */
    private void undoStart() {
        stopping.set(true);
        VrrpGeneration g = current;
        g.supervisor().stopRestarting();
        VrrpLoop loop = g.loop();
        if (loop.isAlive() && !loop.call(() -> g.host().shutdown(loop.now()), LOOP_SHUTDOWN_WAIT)) {
            g.releaseDirectly();
        }
        g.close();
        stopped.countDown();
    }

    /** Runs (on the stopping thread) when a stop begins, whoever asked for it. */
    public void onStopStarted(Runnable action) {
        this.onStopStarted = action;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** 0 after a requested stop; {@link #EXIT_FAILURE} after a stop the daemon decided on. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Why the daemon stopped itself, empty after a requested stop. */
    public String failure() {
        return failure;
    }

    boolean anyIn(VrrpState state) {
        return current.ios().stream().anyMatch(io -> io.state() == state);
    }

    /**
     * Feeds the service manager's watchdog from the VRRP loop ({@link ServiceWatchdog}), on a
     * supervised thread, when it asks for pings at all; a reload's new loop takes over. Call once,
     * after {@link #start}.
     */
    public void startServiceWatchdog(ServiceNotifier notifier) {
        generations.lock();
        try {
            serviceNotifier = notifier;
            current.startServiceWatchdog(notifier);
        } finally {
            generations.unlock();
        }
    }

    /** For tests: the loop, the supervisor's restart counts. */
    VrrpLoop loop() {
        return current.loop();
    }

    /**
     * Runs {@code work} with the host on the loop thread (runtime control: engine state is only
     * touched there) and returns its result; empty when the loop did not run it within
     * {@code timeout}. What {@code work} throws is thrown here.
     */
    <T> java.util.Optional<T> onLoop(java.util.function.Function<VrrpHost, T> work, Duration timeout) {
        if (stopping.get()) {
            return java.util.Optional.empty();
        }
        VrrpGeneration g = current;
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        return g.loop().call(() -> result.set(work.apply(g.host())), timeout)
                ? java.util.Optional.ofNullable(result.get()) : java.util.Optional.empty();
    }

    /** The loop's clock, for events submitted through {@link #onLoop}. */
    long loopNow() {
        return current.loop().now();
    }

    Map<String, Long> restarts() {
        Map<String, Long> all = new java.util.TreeMap<>(current.supervisor().restarts());
        current.loop().socketRestarts().forEach((name, n) -> all.merge(name, n, Long::sum));
        return all;
    }

    @Override
    public void close() {
        stop();
    }
}
