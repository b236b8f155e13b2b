package io.keepalived4j.daemon;

import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.vrrp.codec.DecodeResult;
import io.keepalived4j.vrrp.codec.VrrpDecoder;
import io.keepalived4j.vrrp.codec.VrrpPacket;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated Ethernet segment for in-process daemons ({@link FakeHost}s): every VRRP message one
 * host sends reaches the other hosts' receive sockets (multicast: those that joined the group;
 * unicast: the host with that address) with TTL 255, and is recorded as if captured on the wire.
 */
final class FakeLan {

    /** One message on the wire. */
    record Sent(long nanos, String host, InetAddress source, InetAddress destination, byte[] message) {

        VrrpPacket packet() {
            DecodeResult r = VrrpDecoder.message(message, 0, message.length, source, destination, 255, false);
            if (r instanceof DecodeResult.Decoded d) {
                return d.packet();
            }
            throw new IllegalStateException("undecodable advert from " + host + ": " + r);
        }
    }

    private final List<FakeHost> hosts = new CopyOnWriteArrayList<>();
    private final List<Sent> wire = new CopyOnWriteArrayList<>();

    void attach(FakeHost host) {
        hosts.add(host);
    }

    void send(FakeHost from, boolean ipv6, InetAddress source, byte[] message, InetAddress destination) {
        if (!from.connected()) {
            return;
        }
        wire.add(new Sent(System.nanoTime(), from.name(), source, destination, message.clone()));
        for (FakeHost h : hosts) {
            if (h != from && h.connected()) {
                h.deliver(ipv6, new ReceivedPacket(source, destination, 255, 2, message), destination);
            }
        }
    }

    /** Everything {@code host} put on the wire, in order. */
    List<Sent> sentBy(String host) {
        List<Sent> out = new ArrayList<>();
        for (Sent s : wire) {
            if (s.host().equals(host)) {
                out.add(s);
            }
        }
        return out;
    }
}
