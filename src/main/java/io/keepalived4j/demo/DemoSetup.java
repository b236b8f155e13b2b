package io.keepalived4j.demo;

import java.util.StringJoiner;

/**
 * The parts of seed 004's topology outside keepalived: the LVS-DR real servers carry the VIP on
 * {@code lo} as a /32 and must neither answer nor announce ARP for it (arp_ignore=1,
 * arp_announce=2, as the tutorial sets them), or they would steal the VIP from the directors.
 */
final class DemoSetup {

    private DemoSetup() {
    }

    static void realServers(DemoTopology t, String vip) {
        for (String name : new String[] {"rs1", "rs2"}) {
            DemoHost rs = t.host(name);
            t.sysctl(rs, "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2",
                    "net.ipv4.conf.lo.arp_ignore=1", "net.ipv4.conf.lo.arp_announce=2");
            t.ip(rs, "addr", "add", vip + "/32", "dev", "lo");
        }
    }

    /** The heading of the demo: what runs where. */
    static String describe(DemoTopology t, String vip) {
        StringJoiner s = new StringJoiner("\n");
        s.add("keepalived4j demo " + t.id() + ": seed 004 (LVS-DR, two directors), subnet " + t.prefix() + "0/24, VIP " + vip);
        s.add("  switch: bridge in namespace k4j-demo-" + t.id() + "-sw (nothing of the demo is on the host's network)");
        for (String name : DemoTopology.HOSTS) {
            DemoHost h = t.host(name);
            String role = switch (name) {
                case "lb1" -> "keepalived4j, MASTER, priority 100, checks + userspace proxy";
                case "lb2" -> "keepalived4j, BACKUP, priority 50, checks + userspace proxy";
                case "client" -> "requests from its own and 5 more addresses (.41-.45); asks ARP who has the VIP";
                default -> "real server: web on :80 and :" + SeedConfig.WEBSOCKET_PORT + " (VIP on lo, arp_ignore=1, arp_announce=2)";
            };
            s.add(String.format("  %-6s %-15s %s  %s  %s", name, h.address(), h.mac(), h.namespace(), role));
        }
        s.add("  node configs (derived from seed 004): " + t.workDir().resolve("lb1.conf") + ", " + t.workDir().resolve("lb2.conf"));
        s.add("  virtual servers: " + vip + ":80 (seed 004: rr, HTTP_GET) and " + vip + ":" + SeedConfig.WEBSOCKET_PORT
                + " (seed 001: wrr, persistence 3600 s, TCP_CHECK), served by keepalived4j's userspace proxy");
        return s.toString();
    }
}
