package io.keepalived4j.daemon;

import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.RawVrrpSocket;
import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.VrrpSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * The receiving socket of one interface and family, shared by every instance on it (as
 * keepalived's socket pool does): a platform thread reads it (a blocking poll would pin a virtual
 * thread's carrier) and hands each message to the VRRP loop.
 */
final class ReceiveSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final String interfaceName;
    private final boolean ipv6;
    private final RawVrrpSocket socket;
    private final Thread reader;

    private ReceiveSocket(String interfaceName, boolean ipv6, RawVrrpSocket socket, VrrpLoop loop, AdvertRouter router) {
        this.interfaceName = interfaceName;
        this.ipv6 = ipv6;
        this.socket = socket;
        this.reader = Thread.ofPlatform().name("k4j-rx-" + interfaceName + (ipv6 ? "-v6" : "-v4")).daemon(true)
                .priority(Thread.MAX_PRIORITY).unstarted(() -> read(loop, router));
    }

    /** Opens the socket (joining the group when {@code join}) and starts reading. */
    static ReceiveSocket open(VrrpSocketOptions options, VrrpLoop loop, AdvertRouter router) throws NativeException {
        RawVrrpSocket s = RawVrrpSocket.open(options);
        ReceiveSocket r = new ReceiveSocket(options.interfaceName(), options.ipv6(), s, loop, router);
        r.reader.start();
        LOG.info("VRRP sockpool: [ifindex({}), family({}), proto(112), {}, address({})]", s.ifindex(),
                options.ipv6() ? "IPv6" : "IPv4", options.joinGroup() ? "multicast" : "unicast",
                options.group().getHostAddress());
        return r;
    }

    private void read(VrrpLoop loop, AdvertRouter router) {
        VrrpScheduling.applyToCurrentThread(loop.rtPriority());
        while (socket.isOpen()) {
            try {
                Optional<ReceivedPacket> p = socket.receive(Duration.ofSeconds(1));
                if (p.isPresent()) {
                    // The arrival time, taken here: timers armed by this advert (Master_Down_Interval,
                    // Skew_Time) count from when it arrived, not from when the loop got to it.
                    long arrived = loop.now();
                    ReceivedPacket packet = p.get();
                    loop.submit(() -> router.received(interfaceName, ipv6, packet.vrrpMessage(), packet.source(),
                            packet.destination(), packet.ttlOrHopLimit(), arrived));
                }
            } catch (NativeException e) {
                if (!socket.isOpen()) {
                    return;
                }
                LOG.warn("VRRP receive on {} failed: {}", interfaceName, e.getMessage());
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
