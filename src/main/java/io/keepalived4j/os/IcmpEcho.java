package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/**
 * ICMP echo messages (RFC 792 "Echo or Echo Reply Message"; ICMPv6: RFC 4443 sections 4.1 and
 * 4.2): building a request and deciding whether a received message is the reply to it. Pure: byte
 * arrays and memory segments in, bytes and {@link Verdict}s out.
 *
 * <pre>
 *  0      1      2             4             6             8
 * | type | code | checksum    | identifier  | sequence    | data...
 * </pre>
 */
final class IcmpEcho {

    static final int HEADER = 8;
    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    static final int ECHO_REPLY_V6 = 129;
    static final int ECHO_REQUEST_V6 = 128;
    /** A raw IPv4 socket delivers the IP header first: at least 20 bytes (RFC 791). */
    static final int MIN_IPV4_HEADER = 20;

    /** What a received message is to the request we sent; only {@link #OURS} ends the wait. */
    enum Verdict { OURS, TOO_SHORT, BAD_IP_HEADER, BAD_CHECKSUM, NOT_A_REPLY, OTHER_ID, OTHER_SEQUENCE }

    private IcmpEcho() {
    }

    /**
     * An echo request. The IPv4 checksum is computed here (a raw socket sends it as it is); the
     * ICMPv6 one covers a pseudo-header with the addresses, so it is left 0 for the kernel, which
     * fills it on every ICMPv6 socket (RFC 3542 section 3.1). A datagram ("ping") socket also
     * replaces the identifier with its own and recomputes the checksum.
     */
    static byte[] request(boolean ipv6, int id, int sequence, byte[] data) {
        byte[] m = new byte[HEADER + data.length];
        m[0] = (byte) (ipv6 ? ECHO_REQUEST_V6 : ECHO_REQUEST);
        m[4] = (byte) (id >>> 8);
        m[5] = (byte) id;
        m[6] = (byte) (sequence >>> 8);
        m[7] = (byte) sequence;
        System.arraycopy(data, 0, m, HEADER, data.length);
        if (!ipv6) {
            int sum = checksum(MemorySegment.ofArray(m), 0, m.length);
            m[2] = (byte) (sum >>> 8);
            m[3] = (byte) sum;
        }
        return m;
    }

    /**
     * The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}: the one's
     * complement of the one's complement sum of 16-bit words. Over a message that carries its
     * checksum the result is 0.
     */
    static int checksum(MemorySegment m, long offset, long length) {
        long sum = 0;
        for (long i = 0; i + 1 < length; i += 2) {
            sum += ((m.get(JAVA_BYTE, offset + i) & 0xff) << 8) | (m.get(JAVA_BYTE, offset + i + 1) & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (m.get(JAVA_BYTE, offset + length - 1) & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /**
     * Where the ICMP message starts in what a socket delivered: after the IPv4 header for a raw IPv4
     * socket (IHL, RFC 791), at 0 otherwise; -1 when that header is malformed or cut.
     */
    static int messageOffset(MemorySegment m, long length, boolean withIpv4Header) {
        if (!withIpv4Header) {
            return 0;
        }
        if (length < MIN_IPV4_HEADER) {
            return -1;
        }
        int first = m.get(JAVA_BYTE, 0) & 0xff;
        int headerLength = (first & 0x0f) * 4;
        if (first >>> 4 != 4 || headerLength < MIN_IPV4_HEADER || headerLength > length) {
            return -1;
        }
        return headerLength;
    }

    /**
     * Whether the {@code length} bytes a socket delivered are the reply to our request.
     *
     * @param withIpv4Header a raw IPv4 socket: the message follows an IPv4 header
     * @param id             the identifier we sent, or -1 when the kernel already matched it (ping sockets)
     */
    static Verdict classify(MemorySegment m, long length, boolean ipv6, boolean withIpv4Header, int id, int sequence) {
        int offset = messageOffset(m, length, withIpv4Header);
        if (offset < 0) {
            return length < MIN_IPV4_HEADER ? Verdict.TOO_SHORT : Verdict.BAD_IP_HEADER;
        }
        long size = length - offset;
        if (size < HEADER) {
            return Verdict.TOO_SHORT;
        }
        // The kernel checks ICMPv6 checksums (pseudo-header included) before any socket sees them;
        // a raw IPv4 socket gets its copy before ICMP's own check.
        if (!ipv6 && checksum(m, offset, size) != 0) {
            return Verdict.BAD_CHECKSUM;
        }
        int type = m.get(JAVA_BYTE, offset) & 0xff;
        int code = m.get(JAVA_BYTE, offset + 1) & 0xff;
        if (type != (ipv6 ? ECHO_REPLY_V6 : ECHO_REPLY) || code != 0) {
            return Verdict.NOT_A_REPLY;
        }
        if (id >= 0 && u16(m, offset + 4) != id) {
            return Verdict.OTHER_ID;
        }
        return u16(m, offset + 6) == sequence ? Verdict.OURS : Verdict.OTHER_SEQUENCE;
    }

    private static int u16(MemorySegment m, long at) {
        return ((m.get(JAVA_BYTE, at) & 0xff) << 8) | (m.get(JAVA_BYTE, at + 1) & 0xff);
    }
}
