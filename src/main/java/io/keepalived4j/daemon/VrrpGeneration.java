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
import io.keepalived4j.vrrp.instance.VipConflictDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one configuration's VRRP instances run on: sockets, VMACs, netlink, notifications,
 * trackers, the loop and its threads. The daemon runs one generation; a reload (SIGHUP) opens the
 * next beside it, hands the instances' state over ({@link VrrpHandover}) and closes this one.
 *
 * <p>{@link #open} opens everything and starts every thread but the loop; {@link #begin} starts
 * the loop, with the instances a predecessor carried over. Between the two a reload freezes the
 * predecessor, so the instances are never run twice and never not at all for more than that step.
 * What outlives a generation on the host (the static addresses, a VMAC) is owned apart, so that a
 * successor can keep it ({@link #close(boolean, java.util.Set)}).
 */
final class VrrpGeneration {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** What a reload's new generation takes from the running one. */
    record Inheritance(Map<Integer, InstanceIo> predecessors) {
        static final Inheritance NONE = new Inheritance(Map.of());

        Inheritance {
            predecessors = Map.copyOf(predecessors);
        }
    }

    private final KeepalivedConfig config;
    private final HostOs os;
    private final FaultHooks faults;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Host state a successor may keep: the VMACs by name, the static addresses. */
    private final Map<String, Vmac> vmacs = new LinkedHashMap<>();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final Supervisor.Escalation escalation;
    private List<InstanceIo> ios = List.of();
    private Supervisor supervisor;
    private VrrpLoop loop;
    private VrrpHost host;
    private Runnable shutdownTask;
    private HostSpec spec;
    private Notifications notifications;
    private LoopWatchdog watchdog;
    private NetworkStack netlink;
    private ProcessScriptRunner runner;
    private StaticNetwork statics;
    /**
     * A reload's generation: the JVM is warm (its loop watchdog has no start-up grace), and if it
     * is abandoned the static addresses it found in place stay.
     */
    private boolean successor;
    private VrrpStatusSource statusSource;

    private VrrpGeneration(KeepalivedConfig config, HostOs os, FaultHooks faults, Supervisor.Escalation escalation) {
        this.config = config;
        this.os = os;
        this.faults = faults;
        // A retired generation's components are being closed on purpose: nothing of it escalates.
        this.escalation = reason -> {
            if (!retired.get()) {
                escalation.giveUp(reason);
            }
        };
    }

    /**
     * Opens everything for {@code config} and starts every thread but the loop; on failure
     * nothing is left open (and nothing the running generation owns is touched).
     *
     * @param clockOrigin the {@link System#nanoTime} the daemon's loops count from
     */
    static VrrpGeneration open(KeepalivedConfig config, DaemonSettings settings, HostOs os, FaultHooks faults,
                               Supervisor.Escalation escalation, long clockOrigin, Inheritance inheritance)
            throws IOException {
        VrrpGeneration g = new VrrpGeneration(config, os, faults, escalation);
        try {
            g.openAll(settings, clockOrigin, inheritance);
            return g;
        } catch (IOException | RuntimeException | Error e) {
            g.abandon();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        if (resource instanceof Vmac v) {
            vmacs.put(v.name(), v);
        }
        return resource;
    }

    private void openAll(DaemonSettings settings, long clockOrigin, Inheritance inheritance) throws IOException {
        // Owned first, so closed last: its threads are joined after their sockets were closed.
        supervisor = own(new Supervisor(escalation));
        List<VrrpInstance> instances = config.vrrp().instances();
        List<InstancePlan> plans = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            plans.add(InstancePlan.of(i, instances.get(i), config.global(), os));
        }
        netlink = own(os.openNetwork());
        runner = own(new ProcessScriptRunner());
        ScriptIdentities ids = ScriptIdentities.of(config.global()).refusing(settings.refusedScripts());
        notifications = own(Notifications.start(config, runner, ids));
        ExecutorService announceThread = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("k4j-garp").daemon(true).unstarted(r));
        own(announceThread::shutdownNow);
        NodeTrackers trackers = NodeTrackers.of(config, netlink, ids);
        spec = NodeSpecs.hostSpec(config, plans, trackers);
        loop = own(VrrpLoop.withSystemClock(VrrpScheduling.configure(config.global()), clockOrigin)
                .withNice(VrrpScheduling.nice(config.global())));
        loop.onFailure(escalation, faults);
        List<InstanceIo> built = new ArrayList<>();
        VrrpLoop turning = loop;
        host = new VrrpHost(spec, (i, action, now) -> {
            built.get(i).perform(action);
            turning.progressed();
        });
        VrrpHost stopping = host;
        shutdownTask = () -> stopping.shutdown(turning.now());
        StartRehearsal.engine(spec);
        List<AdvertRouter.Route> routes = new ArrayList<>();
        List<String> receiveInterfaces = new ArrayList<>();
        InstanceWiring wiring = new InstanceWiring(config, os, netlink, this::own, announceThread);
        Map<String, List<VipConflictWatch.Watched>> arpWatch = new LinkedHashMap<>();
        List<byte[]> ourMacs = os.localMacs();
        for (InstancePlan p : plans) {
            InstanceIo predecessor = inheritance.predecessors().get(p.index());
            InstanceWiring.Wired w = wiring.wire(p, notifications.events(p.instance().name(), host, p.index()),
                    predecessor);
            built.add(w.io());
            routes.add(w.route());
            receiveInterfaces.add(w.receiveInterface());
            for (var e : w.vipsByInterface().entrySet()) {
                arpWatch.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new VipConflictWatch.Watched(w.io(),
                        new VipConflictDetector(w.io().name(), e.getValue(), ourMacs), e.getValue()));
            }
        }
        ios = List.copyOf(built);
        StartRehearsal.io(ios);
        statusSource = new VrrpStatusSource(config, plans, ios, host);
        // What a crashed earlier run left behind goes before the instances start (seed 004: after
        // kill -9 both nodes held the VIP). A reload's carried instances hold theirs: not touched.
        List<VrrpInstance> fresh = new ArrayList<>();
        for (InstancePlan p : plans) {
            if (!inheritance.predecessors().containsKey(p.index())) {
                fresh.add(p.instance());
            }
        }
        LeftoverVips.remove(fresh, netlink, InterfaceIndex.live(netlink));
        statics = StaticNetwork.of(config, netlink, announceThread);
        successor = inheritance != Inheritance.NONE;
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

        // Everything is open: the threads start; the loop (the first state change) at begin().
        for (ReceiveSocket r : receivers) {
            if (!r.readByLoop()) {
                supervisor.start(r.threadName(), Thread.MAX_PRIORITY, withRtPriority(r::step));
            }
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
    }

    /**
     * Starts the loop: the instances in {@code carried} (by their index here) go on from their
     * predecessor's state, the others start as new. Once.
     */
    void begin(Map<Integer, VrrpHost.CarriedInstance> carried) {
        if (!carried.isEmpty()) {
            host.resumeFrom(carried);
        }
        int fastest = spec.instances().stream().mapToInt(i -> i.parameters().advertIntervalCentis()).min().orElse(100);
        Duration limit = LoopWatchdog.limitFor(fastest);
        // The start-up grace is for a JVM warming up; a reload's loop runs code that is warm.
        watchdog = successor
                ? new LoopWatchdog(loop, escalation, limit, Duration.ZERO, Duration.ZERO, System::nanoTime)
                : new LoopWatchdog(loop, escalation, limit);
        supervisor.start("k4j-watchdog", Thread.MAX_PRIORITY, watchdog::step);
        loop.start(host);
        // A task from another thread, waited for, as the stop's will be: the first stop then finds
        // that path (the wake-up, the wait) linked and loaded, rather than paying for it before
        // its priority-0 adverts.
        loop.call(() -> { }, VrrpDaemon.LOOP_SHUTDOWN_WAIT);
    }

    /** The orderly stop of every instance, for the loop to run (made at start: no linking on the stop path). */
    Runnable shutdownTask() {
        return shutdownTask;
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

    KeepalivedConfig config() {
        return config;
    }

    List<InstanceIo> ios() {
        return ios;
    }

    VrrpLoop loop() {
        return loop;
    }

    VrrpHost host() {
        return host;
    }

    Notifications notifications() {
        return notifications;
    }

    Supervisor supervisor() {
        return supervisor;
    }

    LoopWatchdog watchdog() {
        return watchdog;
    }

    NetworkStack netlink() {
        return netlink;
    }

    VrrpStatusSource statusSource() {
        return statusSource;
    }

    /** The names of the VMACs this generation took over from its predecessor. */
    java.util.Set<String> adoptedVmacs() {
        java.util.Set<String> out = new java.util.HashSet<>();
        vmacs.forEach((name, v) -> {
            if (v.adopted()) {
                out.add(name);
            }
        });
        return out;
    }

    /** The static addresses and routes once more (a successor whose static section changed). */
    void reapplyStatics() {
        statics.apply();
    }

    /** From now on nothing of this generation stops the daemon: it is being closed on purpose. */
    void retire() {
        retired.set(true);
        supervisor.stopRestarting();
    }

    /** Feeds the service manager's watchdog from this generation's loop. */
    void startServiceWatchdog(ServiceNotifier notifier) {
        notifier.watchdogInterval().ifPresent(interval -> supervisor.start("k4j-sd-watchdog", Thread.NORM_PRIORITY,
                new ServiceWatchdog(loop::submit, notifier, interval)::step));
    }

    /** Removes every VIP of every instance over a netlink socket of its own; no advert, no state change. */
    void sweepVips() {
        withOwnNetlink("remove the VIPs", InstanceIo::removeVipsWith);
    }

    /**
     * The priority-0 adverts and VIP removal without the loop, from the calling thread, over a
     * netlink socket of its own (the loop's may be held by the stuck call). Once only.
     */
    void releaseDirectly() {
        if (released.compareAndSet(false, true)) {
            withOwnNetlink("release the VIPs", InstanceIo::releaseDirectly);
        }
    }

    /** {@code step} for every instance over a netlink socket of the caller's; one instance's failure does not stop the rest. */
    private void withOwnNetlink(String what, java.util.function.BiConsumer<InstanceIo, NetworkStack> step) {
        try (NetworkStack own = os.openNetwork()) {
            for (InstanceIo io : ios) {
                try {
                    step.accept(io, own);
                } catch (RuntimeException e) {
                    LOG.error("({}) cannot {}: {}", io.name(), what, e.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open netlink to {}: {}", what, e.toString());
        }
    }

    /**
     * A reload handed this generation's instances over: closed as {@link #close(boolean, java.util.Set)}
     * says, but the scripts still running (a notify script of a transition just before) finish
     * rather than being killed; new ones are refused.
     */
    void closeAfterHandover(boolean keepStatics, java.util.Set<String> keepVmacs) {
        resources.remove(runner);
        runner.retire();
        close(keepStatics, keepVmacs);
    }

    /** Closes everything, the static addresses and the VMACs too: the daemon's stop. */
    void close() {
        close(false, java.util.Set.of());
    }

    /**
     * Closes everything but what a successor keeps: the static addresses when
     * {@code keepStatics}, and the VMACs named in {@code keepVmacs}.
     */
    void close(boolean keepStatics, java.util.Set<String> keepVmacs) {
        resources.removeIf(r -> r instanceof Vmac v && keepVmacs.contains(v.name()));
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
        if (statics != null && !keepStatics) {
            statics.remove();
        }
    }

    /**
     * A generation that never began (its open failed, or the reload gave up before the hand-over):
     * closed without touching what it shares with the running one (the kept VMACs, the statics it
     * found in place).
     */
    void abandon() {
        retired.set(true);
        if (supervisor != null) {
            supervisor.stopRestarting();
        }
        close(successor, adoptedVmacs());
    }
}
