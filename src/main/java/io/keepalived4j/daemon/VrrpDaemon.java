package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.notify.ProcessScriptRunner;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.os.GratuitousArpSender;
import io.keepalived4j.os.NeighborAdvertSender;
import io.keepalived4j.os.RawVrrpSocket;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.os.netlink.LinkMonitor;
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
        VrrpDaemon d = new VrrpDaemon();
        try {
            d.open(config);
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

    private void open(KeepalivedConfig config) throws IOException {
        List<VrrpInstance> instances = config.vrrp().instances();
        List<InstancePlan> plans = new ArrayList<>();
        for (VrrpInstance vi : instances) {
            plans.add(InstancePlan.of(vi, config.global()));
        }
        RtNetlink netlink = own(RtNetlink.open());
        ProcessScriptRunner runner = own(new ProcessScriptRunner());
        notifications = own(Notifications.start(config, runner));
        ExecutorService announceThread = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("k4j-garp").daemon(true).unstarted(r));
        own(announceThread::shutdownNow);
        NodeTrackers trackers = NodeTrackers.of(config, netlink);
        HostSpec spec = NodeSpecs.hostSpec(config, plans, trackers);
        loop = own(VrrpLoop.withSystemClock(VrrpScheduling.configure(config.global())));
        List<InstanceIo> built = new ArrayList<>();
        host = new VrrpHost(spec, (i, action, now) -> built.get(i).perform(action));
        VrrpHost vrrpHost = host;
        List<AdvertRouter.Route> routes = new ArrayList<>();
        Map<String, GratuitousArpSender> arp = new java.util.HashMap<>();
        Map<String, NeighborAdvertSender> na = new java.util.HashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            InstancePlan p = plans.get(i);
            InstanceIo.AdvertSink sink = sinkFor(p);
            List<GratuitousAnnouncer.Target> targets = new ArrayList<>();
            for (var vip : p.instance().virtualAddresses()) {
                String dev = vip.device().isEmpty() ? p.interfaceName() : vip.device();
                targets.add(new GratuitousAnnouncer.Target(vip.address(), dev));
                if (vip.isIpv6() && !na.containsKey(dev)) {
                    na.put(dev, own(NeighborAdvertSender.open(dev)));
                } else if (!vip.isIpv6() && !arp.containsKey(dev)) {
                    arp.put(dev, own(GratuitousArpSender.open(dev)));
                }
            }
            var garp = p.instance().garp();
            GratuitousAnnouncer announcer = new GratuitousAnnouncer(p.instance().name(), targets, arp, na, announceThread,
                    Math.round(garp.intervalSeconds() * 1e6), Math.round(garp.gnaIntervalSeconds() * 1e6));
            NetlinkVips vips = new NetlinkVips(p.instance().name(), netlink, NetlinkVips.specs(p.allVips(), p.interfaceName()));
            int index = i;
            InstanceIo io = new InstanceIo(p.instance().name(), new io.keepalived4j.vrrp.instance.AdvertBuilder(p.instance(),
                    config.global().v3ChecksumAsV2()), p.source(), p.destinations(), sink, vips, announcer,
                    sc -> notifications.stateChanged(p.instance().name(), sc.to().name(),
                            vrrpHost.snapshot(index).effectivePriority()),
                    new InstanceStats());
            built.add(io);
            routes.add(AdvertRouter.Route.of(i, p.instance().virtualRouterId(), p.ipv6(), p.interfaceName(),
                    new io.keepalived4j.vrrp.instance.AdvertFilter(p.instance(),
                            new io.keepalived4j.vrrp.instance.AdvertBuilder(p.instance(), config.global().v3ChecksumAsV2()).template(),
                            config.global().v3ChecksumAsV2(), config.global().checkUnicastSrc()), io));
            // What a crashed earlier run left behind goes before the instance starts (seed 004: after
            // kill -9 both nodes held the VIP).
            vips.remove();
        }
        ios = List.copyOf(built);
        AdvertRouter router = new AdvertRouter(host, routes);
        Map<String, ReceiveSocket> receivers = new java.util.LinkedHashMap<>();
        for (InstancePlan p : plans) {
            String key = p.interfaceName() + (p.ipv6() ? "/6" : "/4");
            if (!receivers.containsKey(key)) {
                receivers.put(key, own(ReceiveSocket.open(receiveOptions(p, plans), loop, router)));
            }
        }
        loop.start(host);
        own(trackers.startLinkMonitor(loop, host));
        own(trackers.startScripts(ScriptIdentities.of(config.global()), runner, loop, host));
        LOG.info("Startup complete");
    }

    /**
     * Each instance sends on its own socket, which never joins the group (the shared receive socket
     * does): bound to mcast_src_ip / unicast_src_ip when configured, with unicast_ttl for unicast.
     */
    private InstanceIo.AdvertSink sinkFor(InstancePlan p) throws IOException {
        int ttl = unicastTtl(p.instance());
        RawVrrpSocket s = own(RawVrrpSocket.open(p.explicitSource() ? p.sendOptions(ttl)
                : baseOptions(p).withUnicastTtl(ttl).withoutGroupJoin()));
        return s::send;
    }

    private static int unicastTtl(VrrpInstance vi) {
        List<String> v = vi.settings().get("unicast_ttl");
        try {
            return v == null || v.isEmpty() ? 255 : Math.max(1, Math.min(255, Integer.parseInt(v.getFirst())));
        } catch (NumberFormatException e) {
            return 255;
        }
    }

    private static VrrpSocketOptions baseOptions(InstancePlan p) {
        return (p.ipv6() ? VrrpSocketOptions.ipv6(p.interfaceName()) : VrrpSocketOptions.ipv4(p.interfaceName()))
                .withGroup(p.group());
    }

    /** One receive socket per interface and family; it joins the group when a multicast instance uses it. */
    private static VrrpSocketOptions receiveOptions(InstancePlan p, List<InstancePlan> plans) {
        boolean multicast = plans.stream().anyMatch(o -> o.interfaceName().equals(p.interfaceName()) && o.ipv6() == p.ipv6()
                && !o.instance().isUnicast());
        VrrpSocketOptions o = baseOptions(p);
        return multicast ? o : o.withoutGroupJoin();
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
        LOG.info("Stopping");
        if (loop != null && host != null) {
            loop.call(() -> host.shutdown(loop.now()));
        }
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
