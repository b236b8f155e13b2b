package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Reads one received VRRP datagram of a {@link RawVrrpSocket}: the message after the IPv4 header
 * (an IPv4 raw socket delivers the header), the TTL / hop limit and packet-info control messages.
 * A packet costs one Java array for its message.
 */
final class VrrpReceiver {

    // A VRRP message is at most 8 + 255 * 16 bytes, plus an IPv4 header of at most 60.
    static final int BUFFER = 8192;
    static final int CONTROL = 256;

    private VrrpReceiver() {
    }

    /** A {@link ReceiveChannel.Parser} for one family, for one socket (it keeps the addresses it saw). */
    static ReceiveChannel.Parser<ReceivedPacket> parser(boolean ipv6) {
        AddressCache addresses = new AddressCache();
        return (m, n) -> parse(m, n, ipv6, addresses);
    }

    private static Optional<ReceivedPacket> parse(MessageReader m, long n, boolean ipv6, AddressCache addresses) {
        MemorySegment buffer = m.buffer();
        MemorySegment control = m.control();
        // An IPv4 raw socket delivers the IP header; IHL says how long it is (RFC 791).
        int offset = ipv6 ? 0 : (buffer.get(JAVA_BYTE, 0) & 0x0f) * 4;
        if (n < offset + 8) {
            return Optional.empty();
        }
        int ttl = ipv6 ? -1 : buffer.get(JAVA_BYTE, 8) & 0xff;
        int ifindex = 0;
        long stamp = 0;
        InetAddress destination = null;
        long controlLength = m.controlLength();
        // struct cmsghdr { size_t len; int level; int type; data aligned to 8 } (CMSG_NXTHDR)
        for (long at = 0; at + 16 <= controlLength; ) {
            long len = control.get(JAVA_LONG, at);
            if (len < 16 || at + len > controlLength) {
                break;
            }
            int level = control.get(JAVA_INT, at + 8);
            int type = control.get(JAVA_INT, at + 12);
            long data = at + 16;
            if (level == Libc.SOL_SOCKET && type == Libc.SO_TIMESTAMPNS) {
                // struct timespec { time_t tv_sec; long tv_nsec; }
                stamp = control.get(JAVA_LONG, data) * 1_000_000_000L + control.get(JAVA_LONG, data + 8);
            } else if (!ipv6 && level == Libc.IPPROTO_IP && type == Libc.IP_TTL) {
                ttl = control.get(JAVA_INT, data);
            } else if (!ipv6 && level == Libc.IPPROTO_IP && type == Libc.IP_PKTINFO) {
                // struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr (header destination); }
                ifindex = control.get(JAVA_INT, data);
                destination = addresses.ipv4(control, data + 8);
            } else if (ipv6 && level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_HOPLIMIT) {
                ttl = control.get(JAVA_INT, data);
            } else if (ipv6 && level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_PKTINFO) {
                // struct in6_pktinfo { in6_addr addr; int ifindex; }
                destination = addresses.ipv6(control, data, 0);
                ifindex = control.get(JAVA_INT, data + 16);
            }
            at += (len + 7) & ~7L;
        }
        if (destination == null) {
            if (ipv6) {
                return Optional.empty();
            }
            destination = addresses.ipv4(buffer, 16);
        }
        byte[] message = new byte[(int) (n - offset)];
        MemorySegment.copy(buffer, JAVA_BYTE, offset, message, 0, message.length);
        return Optional.of(new ReceivedPacket(addresses.sockaddr(m.name()), destination, ttl, ifindex, message, stamp));
    }
}
