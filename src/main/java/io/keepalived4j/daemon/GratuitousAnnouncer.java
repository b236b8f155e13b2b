package io.keepalived4j.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
    private final Map<String, HostOs.Announcer> arp;
    private final Map<String, HostOs.Announcer> na;
    private final ExecutorService announceThread;
    private final long arpSpacingMicros;
    private final long naSpacingMicros;

    GratuitousAnnouncer(String instance, List<Target> targets, Map<String, HostOs.Announcer> arp,
                        Map<String, HostOs.Announcer> na, ExecutorService announceThread,
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
            LOG.info(DaemonLogging.DETAIL, "({}) Sending/queueing {} on {} for {}", instance,
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

    @Override
    public void rehearse() {
        for (Target t : targets) {
            HostOs.Announcer s = (t.address() instanceof Inet6Address ? na : arp).get(t.interfaceName());
            if (s != null) {
                s.rehearse(t.address());
            }
        }
    }

    private void burst(int count) {
        for (int i = 0; i < count; i++) {
            for (Target t : targets) {
                try {
                    boolean v6 = t.address() instanceof Inet6Address;
                    HostOs.Announcer s = (v6 ? na : arp).get(t.interfaceName());
                    if (s != null) {
                        s.announce(t.address());
                    }
                    pause(v6 ? naSpacingMicros : arpSpacingMicros);
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
