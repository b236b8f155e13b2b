package io.keepalived4j.daemon;

import io.keepalived4j.os.GratuitousArpSender;
import io.keepalived4j.os.NeighborAdvertSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gratuitous ARPs (IPv4) and unsolicited neighbour advertisements (IPv6) for one instance's
 * VIPs, {@code count} per address, spaced by vrrp_garp_interval / vrrp_gna_interval. A spaced
 * burst runs on the node's announce thread (it takes time); a back-to-back one (the default) is
 * sent at once from the VRRP loop.
 */
final class GratuitousAnnouncer implements InstanceIo.Announcer {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** One VIP and the interface it lives on. */
    record Target(InetAddress address, String interfaceName) {
    }

    private final String instance;
    private final List<Target> targets;
    private final Map<String, GratuitousArpSender> arp;
    private final Map<String, NeighborAdvertSender> na;
    private final ExecutorService announceThread;
    private final long arpSpacingMicros;
    private final long naSpacingMicros;

    GratuitousAnnouncer(String instance, List<Target> targets, Map<String, GratuitousArpSender> arp,
                        Map<String, NeighborAdvertSender> na, ExecutorService announceThread,
                        long arpSpacingMicros, long naSpacingMicros) {
        this.instance = instance;
        this.targets = List.copyOf(targets);
        this.arp = arp;
        this.na = na;
        this.announceThread = announceThread;
        this.arpSpacingMicros = arpSpacingMicros;
        this.naSpacingMicros = naSpacingMicros;
    }

    @Override
    public void announce(int count) {
        if (count <= 0 || targets.isEmpty()) {
            return;
        }
        for (Target t : targets) {
            LOG.info("({}) Sending/queueing {} on {} for {}", instance,
                    t.address() instanceof Inet6Address ? "Unsolicited Neighbour Adverts" : "gratuitous ARPs",
                    t.interfaceName(), t.address().getHostAddress());
        }
        if (arpSpacingMicros == 0 && naSpacingMicros == 0) {
            // Back to back (keepalived's default): a few frames, sent now, in the same loop turn
            // as the new master's first advert, as keepalived does.
            burst(count);
            return;
        }
        try {
            announceThread.execute(() -> burst(count));
        } catch (RejectedExecutionException e) {
            // The node is stopping: no more announcements.
        }
    }

    private void burst(int count) {
        for (int i = 0; i < count; i++) {
            for (Target t : targets) {
                try {
                    if (t.address() instanceof Inet4Address v4) {
                        GratuitousArpSender s = arp.get(t.interfaceName());
                        if (s != null) {
                            s.send(v4);
                        }
                        pause(arpSpacingMicros);
                    } else if (t.address() instanceof Inet6Address v6) {
                        NeighborAdvertSender s = na.get(t.interfaceName());
                        if (s != null) {
                            s.send(v6);
                        }
                        pause(naSpacingMicros);
                    }
                } catch (IOException e) {
                    LOG.warn("({}) cannot announce {} on {}: {}", instance, t.address().getHostAddress(),
                            t.interfaceName(), e.getMessage());
                }
            }
        }
    }

    private static void pause(long micros) {
        if (micros > 0) {
            try {
                Thread.sleep(micros / 1_000, (int) (micros % 1_000) * 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
