package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The addresses one receiving socket sees, each made into an {@link InetAddress} once: a VRRP
 * socket hears the same few routers and the same group for years, and making two address objects
 * (with their byte arrays and segment slices) for every advert was a good part of a backup's
 * receive cost (issue 12). A small table replaced round-robin: traffic from many addresses (a
 * flood) only misses, at the cost it had before. Not thread-safe: one per socket, used under its
 * receive lock.
 */
final class AddressCache {

    private static final int SIZE = 8;

    private final int[] ipv4Bits = new int[SIZE];
    private final InetAddress[] ipv4 = new InetAddress[SIZE];
    private int ipv4Next;
    private final byte[][] ipv6Bytes = new byte[SIZE][];
    private final int[] ipv6Scope = new int[SIZE];
    private final InetAddress[] ipv6 = new InetAddress[SIZE];
    private int ipv6Next;
    private final byte[] scratch = new byte[16];

    /** A {@code sockaddr_in} or {@code sockaddr_in6}, as {@link SockAddrs#read} reads it (link-local IPv6 keeps its scope). */
    InetAddress sockaddr(MemorySegment from) {
        int family = from.get(JAVA_SHORT, 0);
        if (family == Libc.AF_INET) {
            return ipv4(from, 4);
        }
        if (family == Libc.AF_INET6) {
            return ipv6(from, 8, from.get(JAVA_INT, 24));
        }
        throw new IllegalStateException("unexpected address family " + family);
    }

    /** The four bytes at {@code at}, in network order. */
    InetAddress ipv4(MemorySegment from, long at) {
        int bits = from.get(JAVA_INT_UNALIGNED, at);
        for (int i = 0; i < SIZE; i++) {
            if (ipv4[i] != null && ipv4Bits[i] == bits) {
                return ipv4[i];
            }
        }
        byte[] raw = new byte[4];
        MemorySegment.copy(from, JAVA_BYTE, at, raw, 0, 4);
        InetAddress made = make(raw, 0);
        int slot = ipv4Next;
        ipv4Next = (slot + 1) % SIZE;
        ipv4Bits[slot] = bits;
        ipv4[slot] = made;
        return made;
    }

    /** The sixteen bytes at {@code at}; a link-local address with a {@code scope} above 0 gets it as its scope id. */
    InetAddress ipv6(MemorySegment from, long at, int scope) {
        MemorySegment.copy(from, JAVA_BYTE, at, scratch, 0, 16);
        for (int i = 0; i < SIZE; i++) {
            if (ipv6[i] != null && ipv6Scope[i] == scope && Arrays.equals(ipv6Bytes[i], scratch)) {
                return ipv6[i];
            }
        }
        byte[] raw = scratch.clone();
        InetAddress made = make(raw, scope);
        int slot = ipv6Next;
        ipv6Next = (slot + 1) % SIZE;
        ipv6Bytes[slot] = raw;
        ipv6Scope[slot] = scope;
        ipv6[slot] = made;
        return made;
    }

    private static InetAddress make(byte[] raw, int scope) {
        try {
            InetAddress plain = InetAddress.getByAddress(raw.clone());
            return plain.isLinkLocalAddress() && raw.length == 16 && scope > 0
                    ? Inet6Address.getByAddress(null, raw.clone(), scope) : plain;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
