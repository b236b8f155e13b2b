package io.keepalived4j.daemon;

import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.VrrpSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The receiving socket of one interface and family, shared by every instance on it (as
 * keepalived's socket pool does). A real socket is read by the VRRP loop itself
 * ({@link VrrpLoop#attach}): it waits on it with its timers and reads what it holds in its turns,
 * as keepalived's one VRRP process does. A channel without a descriptor (an in-memory fake) gets
 * a thread: its {@link #step} is one receive of at most a second, run over and over by the
 * {@link Supervisor}, each packet queued for the loop.
 */
final class ReceiveSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);
    /** How long a close waits for the loop to stop reading the socket. */
    private static final Duration DETACH_WAIT = Duration.ofSeconds(2);

    private final String interfaceName;
    private final boolean ipv6;
    private final String threadName;
    private final HostOs.VrrpChannel channel;
    private final VrrpLoop loop;
    private final AdvertRouter router;
    private final FaultHooks faults;
    private final Optional<LoopSockets.PolledSocket> polled;

    private ReceiveSocket(VrrpSocketOptions o, HostOs.VrrpChannel channel, VrrpLoop loop, AdvertRouter router,
                          FaultHooks faults) {
        this.interfaceName = o.interfaceName();
        this.ipv6 = o.ipv6();
        this.threadName = "k4j-rx-" + interfaceName + (ipv6 ? "-v6" : "-v4");
        this.channel = channel;
        this.loop = loop;
        this.router = router;
        this.faults = faults;
        this.polled = channel.polled().map(this::readByTheLoop);
    }

    /**
     * Opens the socket (joining the group when the options say so) and, when it is a real one,
     * hands it to the loop; nothing is read before the loop starts or {@link #step} runs.
     */
    static ReceiveSocket open(HostOs os, VrrpSocketOptions options, VrrpLoop loop, AdvertRouter router, FaultHooks faults)
            throws IOException {
        HostOs.VrrpChannel c = os.openVrrp(options, false);
        LOG.info(DaemonLogging.DETAIL, "VRRP sockpool: [interface({}), family({}), proto(112), {}, address({})]",
                options.interfaceName(), options.ipv6() ? "IPv6" : "IPv4", options.joinGroup() ? "multicast" : "unicast",
                options.group().getHostAddress());
        ReceiveSocket r = new ReceiveSocket(options, c, loop, router, faults);
        try {
            if (r.polled.isPresent()) {
                loop.attach(r.polled.get());
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return r;
    }

    String threadName() {
        return threadName;
    }

    /** Whether the loop reads it (no thread of its own). */
    boolean readByLoop() {
        return polled.isPresent();
    }

    /** One receive of the threaded form; a packet is queued for the loop (dropped and counted there when the queue is full). */
    void step() throws IOException {
        faults.inReceiver(threadName);
        Optional<ReceivedPacket> p = channel.receive(RECEIVE_WAIT);
        if (p.isPresent()) {
            // The arrival time, taken here: timers armed by this advert (Master_Down_Interval,
            // Skew_Time) count from when it arrived, not from when the loop got to it.
            long arrived = loop.now();
            ReceivedPacket packet = p.get();
            loop.offer(() -> route(packet, arrived));
        }
    }

    private void route(ReceivedPacket packet, long arrived) {
        router.received(interfaceName, ipv6, packet.vrrpMessage(), packet.source(), packet.destination(),
                packet.ttlOrHopLimit(), arrived);
    }

    private LoopSockets.PolledSocket readByTheLoop(HostOs.Polled socket) {
        return new LoopSockets.PolledSocket() {
            private final ArrivalAnchor anchor = new ArrivalAnchor(loop::now);
            private final Consumer<ReceivedPacket> toRouter = packet -> route(packet, anchor.arrived(packet.kernelStampNanos()));
            private final Consumer<ReceivedPacket> guarded = packet -> loop.handle(toRouter, packet);

            @Override
            public String name() {
                return threadName;
            }

            @Override
            public int fd() {
                return socket.fd();
            }

            @Override
            public void readQueued(int max, long arrivedMicros) throws IOException {
                anchor.begin(arrivedMicros);
                try {
                    socket.receiveQueued(max, guarded);
                } finally {
                    anchor.end();
                }
            }
        };
    }

    /** The loop stops reading it first: a descriptor closed under a wait could be reused by another socket. */
    @Override
    public void close() {
        if (polled.isPresent() && !loop.detach(polled.get(), DETACH_WAIT)) {
            LOG.warn("{}: the VRRP loop is stuck and still waits on the socket; left open", threadName);
            return;
        }
        channel.close();
    }
}
