package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;

/**
 * A raw ICMP (or ICMPv6) socket that sends whatever a test forges, e.g. echo replies nobody asked
 * for. Open it inside a test namespace ({@code NetworkNamespace.call}); it stays there.
 */
final class IcmpForger implements AutoCloseable {

    private final int fd;
    private final boolean ipv6;

    private IcmpForger(int fd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
    }

    static IcmpForger open(boolean ipv6) throws NativeException {
        int fd = ipv6 ? Sockets.open(Libc.AF_INET6, Libc.SOCK_RAW, Libc.IPPROTO_ICMPV6, "test forger")
                : Sockets.open(Libc.AF_INET, Libc.SOCK_RAW, Libc.IPPROTO_ICMP, "test forger");
        return new IcmpForger(fd, ipv6);
    }

    /** An echo reply as a host would send it to request {@code id} / {@code sequence}; IPv4 with its checksum. */
    static byte[] reply(boolean ipv6, int id, int sequence, byte[] data) {
        byte[] m = IcmpEcho.request(ipv6, id, sequence, data);
        m[0] = (byte) (ipv6 ? IcmpEcho.ECHO_REPLY_V6 : IcmpEcho.ECHO_REPLY);
        if (!ipv6) {
            m[2] = 0;
            m[3] = 0;
            int sum = IcmpEcho.checksum(MemorySegment.ofArray(m), 0, m.length);
            m[2] = (byte) (sum >>> 8);
            m[3] = (byte) sum;
        }
        return m;
    }

    /** Sends {@code message} as it is (the kernel adds the IP header, and for ICMPv6 the checksum). */
    void send(byte[] message, InetAddress to) {
        try {
            Libc.check("sendto(test forger)", (arena, st) -> {
                MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, message);
                MemorySegment address = arena.allocate(SockAddrs.MAX_SIZE, 8);
                int length = SockAddrs.write(address, to, 0);
                return (long) Libc.SENDTO.invokeExact(st, fd, buffer, (long) message.length, 0, address, length);
            });
        } catch (NativeException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean ipv6() {
        return ipv6;
    }

    @Override
    public void close() {
        Sockets.close(fd);
    }
}
