package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.InterfaceIndex;
import io.keepalived4j.daemon.net.LeftoverVips;
import io.keepalived4j.daemon.net.StaticNetwork;
import io.keepalived4j.notify.ProcessScriptRunner;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.instance.VipConflictDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** How long the STOP notifications may take at the end. */
    static final Duration NOTIFY_DRAIN = Duration.ofSeconds(3);
    /** The exit status after a stop the daemon decided on (a failed component). */
    public static final int EXIT_FAILURE = 1;

    private final HostOs os;
    private final FaultHooks faults;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private List<InstanceIo> ios = List.of();
    private Supervisor supervisor;
    private VrrpLoop loop;
    private VrrpHost host;
    private Notifications notifications;
    private LoopWatchdog watchdog;
    private volatile int exitStatus;
    private volatile String failure = "";
    private volatile Runnable onStopStarted = () -> { };
    private volatile VrrpStatusSource statusSource;

    private VrrpDaemon(HostOs os, FaultHooks faults) {
        this.os = os;
        this.faults = faults;
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
        VrrpDaemon d = new VrrpDaemon(os, faults);
        try {
            d.open(config, settings);
            return d;
        } catch (IOException | RuntimeException | Error e) {
            d.undoStart();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    private void open(KeepalivedConfig config, DaemonSettings settings) throws IOException {
        // Owned first, so closed last: its threads are joined after their sockets were closed.
        supervisor = own(new Supervisor(this::fail));
        List<VrrpInstance> instances = config.vrrp().instances();
        List<InstancePlan> plans = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            plans.add(InstancePlan.of(i, instances.get(i), config.global(), os));
        }
        NetworkStack netlink = own(os.openNetwork());
        ProcessScriptRunner runner = own(new ProcessScriptRunner());
        ScriptIdentities ids = ScriptIdentities.of(config.global()).refusing(settings.refusedScripts());
        notifications = own(Notifications.start(config, runner, ids));
        ExecutorService announceThread = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("k4j-garp").daemon(true).unstarted(r));
        own(announceThread::shutdownNow);
        NodeTrackers trackers = NodeTrackers.of(config, netlink, ids);
        HostSpec spec = NodeSpecs.hostSpec(config, plans, trackers);
        loop = own(VrrpLoop.withSystemClock(VrrpScheduling.configure(config.global()))
                .withNice(VrrpScheduling.nice(config.global())));
        loop.onFailure(this::fail, faults);
        List<InstanceIo> built = new ArrayList<>();
        VrrpLoop turning = loop;
        host = new VrrpHost(spec, (i, action, now) -> {
            built.get(i).perform(action);
            turning.progressed();
        });
        List<AdvertRouter.Route> routes = new ArrayList<>();
        List<String> receiveInterfaces = new ArrayList<>();
        InstanceWiring wiring = new InstanceWiring(config, os, netlink, this::own, announceThread);
        Map<String, List<VipConflictWatch.Watched>> arpWatch = new LinkedHashMap<>();
        List<byte[]> ourMacs = os.localMacs();
        for (InstancePlan p : plans) {
            InstanceWiring.Wired w = wiring.wire(p, notifications.events(p.instance().name(), host, p.index()));
            built.add(w.io());
            routes.add(w.route());
            receiveInterfaces.add(w.receiveInterface());
            for (var e : w.vipsByInterface().entrySet()) {
                arpWatch.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new VipConflictWatch.Watched(w.io(),
                        new VipConflictDetector(w.io().name(), e.getValue(), ourMacs), e.getValue()));
            }
        }
        ios = List.copyOf(built);
        statusSource = new VrrpStatusSource(config, plans, ios, host);
        // What a crashed earlier run left behind goes before the instances start (seed 004: after
        // kill -9 both nodes held the VIP).
        LeftoverVips.remove(instances, netlink, InterfaceIndex.live(netlink));
        StaticNetwork statics = StaticNetwork.of(config, netlink, announceThread);
        own(statics::remove);
        statics.apply();
        AdvertRouter router = new AdvertRouter(host, routes, config.global().other().containsKey("log_unknown_vrids"));
        List<ReceiveSocket> receivers = new ArrayList<>();
        Map<String, Boolean> opened = new LinkedHashMap<>();
        for (InstancePlan p : plans) {
            String iface = receiveInterfaces.get(p.index());
            if (opened.putIfAbsent(iface + (p.ipv6() ? "/6" : "/4"), true) == null) {
                receivers.add(own(ReceiveSocket.open(os, receiveOptions(p, plans, receiveInterfaces), loop, router, faults)));
            }
        }
        List<VipConflictWatch> watches = new ArrayList<>();
        if (settings.arpWatch()) {
            for (var e : arpWatch.entrySet()) {
                watches.add(own(VipConflictWatch.open(os, e.getKey(), e.getValue(), ourMacs, loop, settings.arpProbe(), faults)));
            }
        }
        HostOs.LinkEvents links = own(os.openLinkEvents());
        var linkListener = trackers.linkListener(loop, host, statics);
        SupervisedScheduler scriptTimer = new SupervisedScheduler();
        own(trackers.startScripts(ids, runner, scriptTimer, loop, host, faults));

        // Everything is open: the threads start, and the loop (the first state change) last.
        for (ReceiveSocket r : receivers) {
            supervisor.start(r.threadName(), Thread.MAX_PRIORITY, withRtPriority(r::step));
        }
        for (VipConflictWatch w : watches) {
            supervisor.start(w.threadName(), Thread.NORM_PRIORITY, w::step);
        }
        supervisor.start("k4j-link-monitor", Thread.NORM_PRIORITY, () -> {
            faults.inLinkMonitor();
            links.poll(linkListener);
        });
        supervisor.start("k4j-scripts", Thread.NORM_PRIORITY, scriptTimer::step);
        trackers.polled().start(supervisor, loop, host, faults);
        int fastest = spec.instances().stream().mapToInt(i -> i.parameters().advertIntervalCentis()).min().orElse(100);
        watchdog = new LoopWatchdog(loop, this::fail, LoopWatchdog.limitFor(fastest));
        supervisor.start("k4j-watchdog", Thread.MAX_PRIORITY, watchdog::step);
        loop.start(host);
        LOG.info("Startup complete");
    }

    /** A receive step whose thread takes the loop's real-time priority on its first turn. */
    private Supervisor.Step withRtPriority(Supervisor.Step step) {
        ThreadLocal<Boolean> applied = ThreadLocal.withInitial(() -> false);
        return () -> {
            if (!applied.get()) {
                applied.set(true);
                VrrpScheduling.applyNiceToCurrentThread(loop.nice());
                VrrpScheduling.applyToCurrentThread(loop.rtPriority());
            }
            step.run();
        };
    }

    /** One receive socket per interface and family; it joins the group when a multicast instance uses it. */
    private static VrrpSocketOptions receiveOptions(InstancePlan p, List<InstancePlan> plans, List<String> interfaces) {
        String iface = interfaces.get(p.index());
        boolean multicast = false;
        for (InstancePlan other : plans) {
            multicast |= interfaces.get(other.index()).equals(iface) && other.ipv6() == p.ipv6()
                    && !other.instance().isUnicast();
        }
        return p.receiveOptions(iface, multicast);
    }

    /**
     * {@code observer} hears each instance's current state now and every change from now on
     * (instance name, state name), on the VRRP thread: it must only hand the change over.
     */
    public void onInstanceState(java.util.function.BiConsumer<String, String> observer) {
        notifications.observe(observer);
        for (InstanceStatus s : status()) {
            observer.accept(s.name(), s.state().name());
        }
    }

    /** The current state of every instance (for status and tests). */
    public List<InstanceStatus> status() {
        List<InstanceStatus> out = new ArrayList<>();
        for (InstanceIo io : ios) {
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
        VrrpStatusSource source = statusSource;
        if (source == null) {
            return List.of();
        }
        java.util.concurrent.atomic.AtomicReference<List<io.keepalived4j.api.InstanceView>> out =
                new java.util.concurrent.atomic.AtomicReference<>();
        if (!loop.call(() -> out.set(source.views()), timeout)) {
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
        onStopStarted.run();
        if (supervisor != null) {
            supervisor.stopRestarting();
        }
        // The priority-0 adverts first: every millisecond here is a millisecond of outage. A loop
        // that has ended, or is stuck in a turn, is not waited for.
        boolean orderly = false;
        String why = loop == null ? "" : !loop.isAlive() ? "the VRRP loop has ended"
                : watchdog != null && watchdog.stuck() ? "the VRRP loop is stuck" : "";
        if (loop != null && why.isEmpty()) {
            try {
                orderly = host != null && loop.call(() -> host.shutdown(loop.now()), LOOP_SHUTDOWN_WAIT);
            } catch (RuntimeException e) {
                LOG.error("VRRP shutdown failed: {}", e.toString());
            }
            why = "the VRRP loop did not run the shutdown within " + LOOP_SHUTDOWN_WAIT.toMillis() + " ms";
        }
        if (!orderly && loop != null) {
            LOG.error("{}: releasing the VIPs directly", why);
            releaseDirectly();
        }
        LOG.info("Stopping");
        if (notifications != null) {
            notifications.drain(ios.stream().map(InstanceIo::name).toList(), NOTIFY_DRAIN);
        }
        closeResources();
        if (!orderly && loop != null) {
            // The loop was not waited for: a turn that was only slow may have added VIPs after the
            // direct release. Its sockets are closed now, so it can add no more: sweep once again.
            sweepVips();
        }
        stopped.countDown();
    }

    /** Removes every VIP of every instance over a netlink socket of its own; no advert, no state change. */
    private void sweepVips() {
        try (NetworkStack own = os.openNetwork()) {
            for (InstanceIo io : ios) {
                try {
                    io.removeVipsWith(own);
                } catch (RuntimeException e) {
                    LOG.error("({}) removing the VIPs failed: {}", io.name(), e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open netlink to remove the VIPs: {}", e.toString());
        }
    }

    /**
     * The priority-0 adverts and VIP removal without the loop, from the calling thread, over a
     * netlink socket of its own (the loop's may be held by the stuck call). Once only.
     */
    void releaseDirectly() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try (NetworkStack own = os.openNetwork()) {
            for (InstanceIo io : ios) {
                try {
                    io.releaseDirectly(own);
                } catch (RuntimeException e) {
                    LOG.error("({}) releasing the VIPs failed: {}", io.name(), e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open netlink to release the VIPs: {}", e.toString());
        }
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
        if (supervisor != null) {
            supervisor.stopRestarting();
        }
        if (loop != null && loop.isAlive() && host != null) {
            if (!loop.call(() -> host.shutdown(loop.now()), LOOP_SHUTDOWN_WAIT)) {
                releaseDirectly();
            }
        }
        closeResources();
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
        return ios.stream().anyMatch(io -> io.state() == state);
    }

    /**
     * Feeds the service manager's watchdog from the VRRP loop ({@link ServiceWatchdog}), on a
     * supervised thread, when it asks for pings at all. Call once, after {@link #start}.
     */
    public void startServiceWatchdog(ServiceNotifier notifier) {
        notifier.watchdogInterval().ifPresent(interval -> supervisor.start("k4j-sd-watchdog", Thread.NORM_PRIORITY,
                new ServiceWatchdog(loop::submit, notifier, interval)::step));
    }

    /** For tests: the loop, the supervisor's restart counts. */
    VrrpLoop loop() {
        return loop;
    }

    /**
     * Runs {@code work} with the host on the loop thread (runtime control: engine state is only
     * touched there) and returns its result; empty when the loop did not run it within
     * {@code timeout}. What {@code work} throws is thrown here.
     */
    <T> java.util.Optional<T> onLoop(java.util.function.Function<VrrpHost, T> work, Duration timeout) {
        if (loop == null || host == null || stopping.get()) {
            return java.util.Optional.empty();
        }
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        return loop.call(() -> result.set(work.apply(host)), timeout)
                ? java.util.Optional.ofNullable(result.get()) : java.util.Optional.empty();
    }

    /** The loop's clock, for events submitted through {@link #onLoop}. */
    long loopNow() {
        return loop.now();
    }

    Map<String, Long> restarts() {
        return supervisor == null ? Map.of() : supervisor.restarts();
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    @Override
    public void close() {
        stop();
    }
}
