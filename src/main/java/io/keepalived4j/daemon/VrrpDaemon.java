package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.notify.ProcessScriptRunner;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.daemon.net.InterfaceIndex;
import io.keepalived4j.daemon.net.LeftoverVips;
import io.keepalived4j.daemon.net.StaticNetwork;
import io.keepalived4j.os.netlink.RtNetlink;
import io.keepalived4j.vrrp.engine.HostSpec;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 */
public final class VrrpDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private List<InstanceIo> ios = List.of();
    private VrrpLoop loop;
    private VrrpHost host;
    private Notifications notifications;
    private volatile boolean stopping;

    private VrrpDaemon() {
    }

    /** Opens everything and starts the instances; on failure nothing is left open. */
    public static VrrpDaemon start(KeepalivedConfig config) throws IOException {
        return start(config, java.util.Set.of());
    }

    /** @param refusedScripts positions of the scripts the host checks disabled: they never run */
    public static VrrpDaemon start(KeepalivedConfig config, java.util.Set<io.keepalived4j.config.Position> refusedScripts)
            throws IOException {
        VrrpDaemon d = new VrrpDaemon();
        try {
            d.open(config, refusedScripts);
            return d;
        } catch (IOException | RuntimeException e) {
            d.closeResources();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    private void open(KeepalivedConfig config, java.util.Set<io.keepalived4j.config.Position> refusedScripts)
            throws IOException {
        List<VrrpInstance> instances = config.vrrp().instances();
        List<InstancePlan> plans = new ArrayList<>();
        for (VrrpInstance vi : instances) {
            plans.add(InstancePlan.of(vi, config.global()));
        }
        RtNetlink netlink = own(RtNetlink.open());
        ProcessScriptRunner runner = own(new ProcessScriptRunner());
        ScriptIdentities ids = ScriptIdentities.of(config.global()).refusing(refusedScripts);
        notifications = own(Notifications.start(config, runner, ids));
        ExecutorService announceThread = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("k4j-garp").daemon(true).unstarted(r));
        own(announceThread::shutdownNow);
        NodeTrackers trackers = NodeTrackers.of(config, netlink, ids);
        HostSpec spec = NodeSpecs.hostSpec(config, plans, trackers);
        loop = own(VrrpLoop.withSystemClock(VrrpScheduling.configure(config.global())));
        List<InstanceIo> built = new ArrayList<>();
        host = new VrrpHost(spec, (i, action, now) -> built.get(i).perform(action));
        List<AdvertRouter.Route> routes = new ArrayList<>();
        List<String> receiveInterfaces = new ArrayList<>();
        InstanceWiring wiring = new InstanceWiring(config, netlink, this::own, announceThread, notifications);
        Map<String, List<VipConflictWatch.Watched>> arpWatch = new java.util.LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            InstanceWiring.Wired w = wiring.wire(i, plans.get(i), host);
            built.add(w.io());
            routes.add(w.route());
            receiveInterfaces.add(w.receiveInterface());
            for (var e : w.vipsByInterface().entrySet()) {
                arpWatch.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new VipConflictWatch.Watched(w.io(),
                        new io.keepalived4j.vrrp.instance.VipConflictDetector(w.io().name(), e.getValue(),
                                ourMacs(e.getKey())), e.getValue()));
            }
        }
        ios = List.copyOf(built);
        // What a crashed earlier run left behind goes before the instances start (seed 004: after
        // kill -9 both nodes held the VIP).
        LeftoverVips.remove(instances, netlink, InterfaceIndex.live(netlink));
        StaticNetwork statics = StaticNetwork.of(config, netlink, announceThread);
        statics.apply();
        own(statics::remove);
        AdvertRouter router = new AdvertRouter(host, routes);
        Map<String, ReceiveSocket> receivers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            String key = receiveInterfaces.get(i) + (plans.get(i).ipv6() ? "/6" : "/4");
            if (!receivers.containsKey(key)) {
                receivers.put(key, own(ReceiveSocket.open(receiveOptions(i, plans, receiveInterfaces), loop, router)));
            }
        }
        loop.start(host);
        for (var e : arpWatch.entrySet()) {
            own(VipConflictWatch.start(e.getKey(), e.getValue(), loop));
        }
        own(trackers.startLinkMonitor(loop, host, statics));
        own(trackers.startScripts(ids, runner, loop, host));
        own(trackers.startPolled(loop, host));
        LOG.info("Startup complete");
    }

    /**
     * The MACs frames from this host may carry: every local interface's (a VMAC's too, and the
     * parent's, which the kernel may use to ask for a neighbour on the VIP's behalf).
     */
    private static List<byte[]> ourMacs(String iface) throws IOException {
        List<byte[]> macs = new ArrayList<>(List.of(io.keepalived4j.os.NetworkInterfaces.mac(iface)));
        for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            byte[] mac = ni.getHardwareAddress();
            if (mac != null && mac.length == 6) {
                macs.add(mac);
            }
        }
        return macs;
    }

    /** One receive socket per interface and family; it joins the group when a multicast instance uses it. */
    private static VrrpSocketOptions receiveOptions(int index, List<InstancePlan> plans, List<String> interfaces) {
        InstancePlan p = plans.get(index);
        String iface = interfaces.get(index);
        boolean multicast = false;
        for (int i = 0; i < plans.size(); i++) {
            multicast |= interfaces.get(i).equals(iface) && plans.get(i).ipv6() == p.ipv6()
                    && !plans.get(i).instance().isUnicast();
        }
        return p.receiveOptions(iface, multicast);
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

    /** Graceful stop: priority-0 adverts from masters, VIPs removed, everything closed. Idempotent. */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        // The priority-0 adverts first: every millisecond here is a millisecond of outage.
        if (loop != null && host != null) {
            loop.call(() -> host.shutdown(loop.now()));
        }
        LOG.info("Stopping");
        if (notifications != null) {
            notifications.drain(ios.stream().map(InstanceIo::name).toList(), Duration.ofSeconds(5));
        }
        closeResources();
        stopped.countDown();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean anyIn(VrrpState state) {
        return ios.stream().anyMatch(io -> io.state() == state);
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
