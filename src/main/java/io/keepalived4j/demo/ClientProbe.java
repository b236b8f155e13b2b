package io.keepalived4j.demo;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the client which MAC answers for the VIP, as the tutorials' users would see it: a TCP
 * connect attempt to VIP port 9 (discard; nobody listens, the holder answers with a RST) makes the
 * client's kernel resolve the VIP by ARP, without arping; {@code ip neigh show VIP} then names the
 * MAC, which the demo maps back to lb1 or lb2. A gratuitous ARP of a new master updates that entry.
 */
final class ClientProbe {

    private static final Pattern LLADDR = Pattern.compile("lladdr (\\S+)");

    private final DemoTopology topology;
    private final DemoHost client;
    private final List<DemoHost> candidates;
    private final String vip;
    private final Timeline timeline;

    ClientProbe(DemoTopology topology, List<DemoHost> candidates, String vip, Timeline timeline) {
        this.topology = topology;
        this.client = topology.host("client");
        this.candidates = candidates;
        this.vip = vip;
        this.timeline = timeline;
    }

    /** Probes once and adds "client: VIP is at MAC (lbN)" to the timeline. */
    void probe() throws InterruptedException {
        Process p = topology.start(client, List.of("bash", "-c", "exec 3<>/dev/tcp/" + vip + "/9", "k4j-demo-probe"));
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
        }
        String neigh = topology.ip(client, "neigh", "show", vip);
        Matcher m = LLADDR.matcher(neigh);
        if (!m.find()) {
            timeline.add("client", Timeline.Kind.CLIENT, "no answer for " + vip + " (" + neigh.strip() + ")");
            return;
        }
        String mac = m.group(1);
        String who = candidates.stream().filter(h -> h.mac().equalsIgnoreCase(mac)).map(DemoHost::name).findFirst()
                .orElse("unknown host");
        timeline.add("client", Timeline.Kind.CLIENT, vip + " is at " + mac + " (" + who + ")");
    }
}
