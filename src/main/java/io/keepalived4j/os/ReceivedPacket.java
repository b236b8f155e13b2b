package io.keepalived4j.os;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One VRRP packet as the kernel delivered it, with what keepalived's receive path checks besides
 * the message itself (vrrp-wire.md section 5): who sent it, to which address, with which TTL / hop
 * limit, on which interface.
 *
 * @param source        IP source; an IPv6 link-local source carries the interface as scope id
 * @param destination   IP destination (the group, or our own address for unicast)
 * @param ttlOrHopLimit IPv4 TTL or IPv6 hop limit it arrived with (must be 255 for multicast, RFC 5798 section 7.1)
 * @param ifindex       index of the interface it arrived on
 * @param vrrpMessage   the VRRP message only (an IPv4 raw socket's IP header is stripped)
 * @param kernelStampNanos when the kernel received it (SO_TIMESTAMPNS: CLOCK_REALTIME, nanoseconds
 *                      since the epoch), 0 when the socket gave no stamp
 */
public record ReceivedPacket(InetAddress source, InetAddress destination, int ttlOrHopLimit, int ifindex,
                             byte[] vrrpMessage, long kernelStampNanos) {

    public ReceivedPacket {
        vrrpMessage = vrrpMessage.clone();
    }

    /** A packet without a kernel receive stamp. */
    public ReceivedPacket(InetAddress source, InetAddress destination, int ttlOrHopLimit, int ifindex, byte[] vrrpMessage) {
        this(source, destination, ttlOrHopLimit, ifindex, vrrpMessage, 0);
    }

    @Override
    public byte[] vrrpMessage() {
        return vrrpMessage.clone();
    }

    /** The same packet: addresses, TTL, interface and message; the receive stamp is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedPacket p && source.equals(p.source) && destination.equals(p.destination)
                && ttlOrHopLimit == p.ttlOrHopLimit && ifindex == p.ifindex && Arrays.equals(vrrpMessage, p.vrrpMessage);
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Arrays.hashCode(vrrpMessage);
    }

    @Override
    public String toString() {
        return "ReceivedPacket[" + source.getHostAddress() + " > " + destination.getHostAddress() + " ttl "
                + ttlOrHopLimit + " if " + ifindex + ": " + HexFormat.of().formatHex(vrrpMessage) + "]";
    }
}
