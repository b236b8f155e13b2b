package io.keepalived4j.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches which load balancer holds the VIP by reading {@code ip -n NS -o -4 addr show dev eth0}
 * every 100 ms: the kernel's view, independent of what the daemons log about themselves. A
 * 100 ms period bounds the error of the measured takeover times.
 */
final class VipPoller implements AutoCloseable {

    private static final long PERIOD_MILLIS = 100;

    private final DemoTopology topology;
    private final List<DemoHost> hosts;
    private final String vip;
    private final Timeline timeline;
    private final Map<String, Boolean> holds = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    VipPoller(DemoTopology topology, List<DemoHost> hosts, String vip, Timeline timeline) {
        this.topology = topology;
        this.hosts = hosts;
        this.vip = vip;
        this.timeline = timeline;
        this.thread = Thread.ofPlatform().daemon().name("k4j-demo-vip").start(this::poll);
    }

    private void poll() {
        while (running) {
            for (DemoHost h : hosts) {
                IpCommand.Result r = IpCommand.run("ip", "-n", h.namespace(), "-o", "-4", "addr", "show", "dev", "eth0");
                if (!r.ok() || !running) {
                    continue; // the namespace is being deleted at the end of the demo
                }
                boolean now = r.output().contains(" " + vip + "/");
                Boolean before = holds.put(h.name(), now);
                if (before == null ? now : before != now) {
                    timeline.add(h.name(), now ? Timeline.Kind.VIP_ADDED : Timeline.Kind.VIP_REMOVED,
                            (now ? "holds " : "released ") + vip);
                }
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
