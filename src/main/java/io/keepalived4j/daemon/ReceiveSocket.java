package io.keepalived4j.daemon;

import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.VrrpSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The receiving socket of one interface and family, shared by every instance on it (as
 * keepalived's socket pool does). Its {@link #step} is one receive of at most a second, run over
 * and over by the {@link Supervisor} on a platform thread (a blocking poll would pin a virtual
 * thread's carrier); each packet goes to the VRRP loop's bounded packet queue.
 */
final class ReceiveSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);

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

    /** One receive; a packet is queued for the loop (dropped and counted there when the queue is full). */
    void step() throws IOException {
        faults.inReceiver(threadName);
        Optional<ReceivedPacket> p = channel.receive(RECEIVE_WAIT);
        if (p.isPresent()) {
            // The arrival time, taken here: timers armed by this advert (Master_Down_Interval,
            // Skew_Time) count from when it arrived, not from when the loop got to it.
            long arrived = loop.now();
            ReceivedPacket packet = p.get();
            loop.offer(() -> router.received(interfaceName, ipv6, packet.vrrpMessage(), packet.source(),
                    packet.destination(), packet.ttlOrHopLimit(), arrived));
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
