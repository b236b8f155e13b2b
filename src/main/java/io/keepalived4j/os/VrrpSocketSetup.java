package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;

/**
 * The socket options keepalived sets on its VRRP sockets (vrrp_if.c {@code if_setsockopt_*}),
 * for one family at a time. RFC 5798 section 5.1.1.3 / 5.1.2.3: TTL / hop limit 255.
 */
final class VrrpSocketSetup {

    private static final int MULTICAST_TTL = 255;
    private static final int TOS_CS6 = 0xc0; // DSCP CS6 "network control", as keepalived sends

    private VrrpSocketSetup() {
    }

    static void configure(int fd, int ifindex, VrrpSocketOptions o) throws NativeException {
        Sockets.bindToDevice(fd, o.interfaceName());
        if (o.ipv6()) {
            int v6 = Libc.IPPROTO_IPV6;
            Sockets.setInt(fd, v6, Libc.IPV6_TCLASS, TOS_CS6, "IPV6_TCLASS");
            Sockets.setInt(fd, v6, Libc.IPV6_UNICAST_HOPS, o.unicastTtl(), "IPV6_UNICAST_HOPS");
            Sockets.setInt(fd, v6, Libc.IPV6_MULTICAST_HOPS, MULTICAST_TTL, "IPV6_MULTICAST_HOPS");
            Sockets.setInt(fd, v6, Libc.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
            Sockets.setInt(fd, v6, Libc.IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF");
            // -1: the kernel neither fills in nor verifies a checksum (RFC 3542 section 3.1): the
            // VRRPv3 checksum comes from VrrpEncoder and is verified by VrrpDecoder.
            Sockets.setInt(fd, v6, Libc.IPV6_CHECKSUM, -1, "IPV6_CHECKSUM");
            Sockets.setInt(fd, v6, Libc.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            Sockets.setInt(fd, v6, Libc.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        } else {
            int v4 = Libc.IPPROTO_IP;
            Sockets.setInt(fd, v4, Libc.IP_TOS, TOS_CS6, "IP_TOS");
            Sockets.setInt(fd, v4, Libc.IP_TTL, o.unicastTtl(), "IP_TTL");
            Sockets.setInt(fd, v4, Libc.IP_MULTICAST_TTL, MULTICAST_TTL, "IP_MULTICAST_TTL");
            Sockets.setInt(fd, v4, Libc.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            try (Arena arena = Arena.ofConfined()) {
                Sockets.set(fd, v4, Libc.IP_MULTICAST_IF, ipMreqn(arena, null, o.source().orElse(null), ifindex),
                        "IP_MULTICAST_IF=" + o.interfaceName());
            }
            Sockets.setInt(fd, v4, Libc.IP_RECVTTL, 1, "IP_RECVTTL");
            Sockets.setInt(fd, v4, Libc.IP_PKTINFO, 1, "IP_PKTINFO");
        }
        // Each packet carries the time the kernel received it: the timers an advert arms count from
        // there, not from when the VRRP loop woke up to read it (ReceivedPacket.kernelStampNanos).
        Sockets.setInt(fd, Libc.SOL_SOCKET, Libc.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
        if (o.source().isPresent()) {
            Sockets.bind(fd, o.source().get(), ifindex);
        }
        if (o.joinGroup()) {
            membership(fd, ifindex, o.ipv6(), o.group(), true);
        }
    }

    /** IP_ADD/DROP_MEMBERSHIP (struct ip_mreqn) or IPV6_ADD/DROP_MEMBERSHIP (struct ipv6_mreq) on ifindex. */
    static void membership(int fd, int ifindex, boolean ipv6, InetAddress group, boolean join) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            String what = (join ? "join " : "leave ") + group.getHostAddress() + " on ifindex " + ifindex;
            if (ipv6) {
                MemorySegment mreq = arena.allocate(20, 4);
                MemorySegment.copy(group.getAddress(), 0, mreq, JAVA_BYTE, 0, 16);
                mreq.set(JAVA_INT, 16, ifindex);
                Sockets.set(fd, Libc.IPPROTO_IPV6, join ? Libc.IPV6_ADD_MEMBERSHIP : Libc.IPV6_DROP_MEMBERSHIP, mreq,
                        what);
            } else {
                Sockets.set(fd, Libc.IPPROTO_IP, join ? Libc.IP_ADD_MEMBERSHIP : Libc.IP_DROP_MEMBERSHIP,
                        ipMreqn(arena, group, null, ifindex), what);
            }
        }
    }

    /** struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; } (12 bytes). */
    private static MemorySegment ipMreqn(Arena arena, InetAddress group, InetAddress local, int ifindex) {
        MemorySegment m = arena.allocate(12, 4);
        if (group != null) {
            MemorySegment.copy(group.getAddress(), 0, m, JAVA_BYTE, 0, 4);
        }
        if (local != null) {
            MemorySegment.copy(local.getAddress(), 0, m, JAVA_BYTE, 4, 4);
        }
        m.set(JAVA_INT, 8, ifindex);
        return m;
    }
}
