package io.keepalived4j.daemon;

import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.VrrpSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiving socket of one interface and family, shared by every instance on it (as
 * keepalived's socket pool does). Its {@link #step} is one wait of at most a second, run over and
 * over by the {@link Supervisor} on a platform thread (a blocking poll would pin a virtual thread's
 * carrier), then what the kernel has queued, at most {@value #BATCH} packets, goes to the VRRP
 * loop's bounded packet queue as one task: a master's instances send together, and a backup that
 * woke both threads per advert spent more on the hand-over than on the adverts (issue 12).
 */
final class ReceiveSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);
    /** Packets read per wake-up, at most: a quarter of the loop's batch, so a flood still yields to the timers. */
    static final int BATCH = VrrpLoop.BATCH / 4;

    private final String interfaceName;
    private final boolean ipv6;
    private final String threadName;
    private final HostOs.VrrpChannel channel;
    private final VrrpLoop loop;
    private final AdvertRouter router;
    private final FaultHooks faults;

    private ReceiveSocket(VrrpSocketOptions o, HostOs.VrrpChannel channel, VrrpLoop loop, AdvertRouter router,
                          FaultHooks faults) {
        this.interfaceName = o.interfaceName();
        this.ipv6 = o.ipv6();
        this.threadName = "k4j-rx-" + interfaceName + (ipv6 ? "-v6" : "-v4");
        this.channel = channel;
        this.loop = loop;
        this.router = router;
        this.faults = faults;
    }

    /** Opens the socket (joining the group when the options say so); nothing is read before {@link #step}. */
    static ReceiveSocket open(HostOs os, VrrpSocketOptions options, VrrpLoop loop, AdvertRouter router, FaultHooks faults)
            throws IOException {
        HostOs.VrrpChannel c = os.openVrrp(options, false);
        LOG.info(DaemonLogging.DETAIL, "VRRP sockpool: [interface({}), family({}), proto(112), {}, address({})]",
                options.interfaceName(), options.ipv6() ? "IPv6" : "IPv4", options.joinGroup() ? "multicast" : "unicast",
                options.group().getHostAddress());
        return new ReceiveSocket(options, c, loop, router, faults);
    }

    String threadName() {
        return threadName;
    }

    /** One wait; what it read is queued for the loop (dropped and counted there when the queue is full). */
    void step() throws IOException {
        faults.inReceiver(threadName);
        List<ReceivedPacket> received = new ArrayList<>(4);
        if (channel.receive(RECEIVE_WAIT, BATCH, received::add) > 0) {
            // The arrival time, taken here: timers armed by these adverts (Master_Down_Interval,
            // Skew_Time) count from when they arrived, not from when the loop got to them.
            long arrived = loop.now();
            loop.offerEach(received, packet -> router.received(interfaceName, ipv6, packet.vrrpMessage(),
                    packet.source(), packet.destination(), packet.ttlOrHopLimit(), arrived));
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
