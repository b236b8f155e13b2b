package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} (16 bytes), {@code sockaddr_in6} (28) and {@code sockaddr_ll} (20)
 * written into and read from native memory. Families are in host order, ports and protocols in
 * network order, as {@code <netinet/in.h>} and {@code <linux/if_packet.h>} define them.
 */
final class SockAddrs {

    /** Room for either IP family. */
    static final int MAX_SIZE = 28;
    static final int LL_SIZE = 20;
    static final ValueLayout.OfShort NET_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddrs() {
    }

    /**
     * Writes {@code address} (port 0) at the start of {@code to}; an IPv6 link-local address gets
     * {@code scopeId}, without which the kernel cannot tell which link it is on.
     *
     * @return the sockaddr's length
     */
    static int write(MemorySegment to, InetAddress address, int scopeId) {
        to.asSlice(0, MAX_SIZE).fill((byte) 0);
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            to.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
            MemorySegment.copy(raw, 0, to, JAVA_BYTE, 4, 4);
            return 16;
        }
        to.set(JAVA_SHORT, 0, (short) Libc.AF_INET6);
        MemorySegment.copy(raw, 0, to, JAVA_BYTE, 8, 16);
        to.set(JAVA_INT, 24, address.isLinkLocalAddress() || address.isMulticastAddress() ? scopeId : 0);
        return 28;
    }

    /** Reads a sockaddr_in or sockaddr_in6; link-local IPv6 sources keep their scope (ifindex). */
    static InetAddress read(MemorySegment from) {
        int family = from.get(JAVA_SHORT, 0);
        try {
            if (family == Libc.AF_INET) {
                return InetAddress.getByAddress(from.asSlice(4, 4).toArray(JAVA_BYTE));
            }
            if (family == Libc.AF_INET6) {
                byte[] raw = from.asSlice(8, 16).toArray(JAVA_BYTE);
                int scope = from.get(JAVA_INT, 24);
                InetAddress plain = InetAddress.getByAddress(raw);
                return plain.isLinkLocalAddress() && scope > 0 ? Inet6Address.getByAddress(null, raw, scope) : plain;
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
        throw new IllegalStateException("unexpected address family " + family);
    }

    /** {@code sockaddr_ll} for sending a whole Ethernet frame of {@code etherType} out of {@code ifindex}. */
    static void writeLinkLayer(MemorySegment to, int ifindex, int etherType, byte[] destinationMac) {
        to.asSlice(0, LL_SIZE).fill((byte) 0);
        to.set(JAVA_SHORT, 0, (short) Libc.AF_PACKET);
        to.set(NET_SHORT, 2, (short) etherType);
        to.set(JAVA_INT, 4, ifindex);
        to.set(JAVA_BYTE, 11, (byte) destinationMac.length); // sll_halen
        MemorySegment.copy(destinationMac, 0, to, JAVA_BYTE, 12, destinationMac.length);
    }
}
