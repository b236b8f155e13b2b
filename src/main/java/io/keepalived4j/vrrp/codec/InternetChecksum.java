package io.keepalived4j.vrrp.codec;

import java.net.Inet6Address;
import java.net.InetAddress;

/** RFC 1071 ones'-complement sum, with the IPv4/IPv6 pseudo-headers VRRPv3 uses (RFC 5798 section 5.2.8). */
final class InternetChecksum {

    private InternetChecksum() {
    }

    /** Adds bytes to a running 32-bit sum, as 16-bit big-endian words (an odd last byte is padded). */
    static long add(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * Sum of the pseudo-header: IPv4 {src, dst, 0, protocol, length} (keepalived's ipv4_phdr_t) or
     * IPv6 {src, dst, length (32 bits), 0, next header} (RFC 8200 section 8.1).
     */
    static long pseudoHeader(InetAddress src, InetAddress dst, int length) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        long sum = add(add(0, s, 0, s.length), d, 0, d.length);
        if (src instanceof Inet6Address) {
            return sum + (length >>> 16) + (length & 0xffff) + VrrpPacket.PROTOCOL;
        }
        return sum + VrrpPacket.PROTOCOL + length;
    }
}
