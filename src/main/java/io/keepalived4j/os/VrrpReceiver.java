package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The receive half of a {@link RawVrrpSocket}: {@code poll} on the socket and a wake-up eventfd,
 * then {@code recvmsg} with the TTL / hop limit and packet-info control messages. All native
 * memory is allocated once per socket; a packet costs one Java array for its message. Not
 * thread-safe: the socket serialises callers.
 */
final class VrrpReceiver {

    // A VRRP message is at most 8 + 255 * 16 bytes, plus an IPv4 header of at most 60.
    private static final int BUFFER = 8192;
    private static final int CONTROL = 256;
    private static final int MSG_DONTWAIT = 0x40;

    private final int fd;
    private final boolean ipv6;
    private final MemorySegment errno;
    private final MemorySegment buffer;
    private final MemorySegment name;
    private final MemorySegment iov;
    private final MemorySegment control;
    private final MemorySegment msghdr;
    private final WakeablePoll poll;

    VrrpReceiver(Arena arena, int fd, int wakeFd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
        errno = Libc.newCaptureState(arena);
        buffer = arena.allocate(BUFFER, 8);
        name = arena.allocate(SockAddrs.MAX_SIZE, 8);
        iov = arena.allocate(16, 8);
        control = arena.allocate(CONTROL, 8);
        msghdr = arena.allocate(56, 8);
        poll = new WakeablePoll(arena, fd, wakeFd, "raw VRRP socket");
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, 8, BUFFER);
    }

    /** The next VRRP packet, or empty when {@code timeoutNanos} passed or the wake-up fd fired (close). */
    Optional<ReceivedPacket> receive(long timeoutNanos) throws NativeException {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (poll.await(deadline) == WakeablePoll.Outcome.READABLE) {
                Optional<ReceivedPacket> got = readOne();
                if (got.isPresent() || System.nanoTime() - deadline >= 0) {
                    return got;
                }
            }
            return Optional.empty(); // timed out, or woken: the socket is closing
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private Optional<ReceivedPacket> readOne() throws Throwable {
        msghdr.fill((byte) 0);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(JAVA_INT, 8, SockAddrs.MAX_SIZE);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1L);
        msghdr.set(ADDRESS, 32, control);
        msghdr.set(JAVA_LONG, 40, CONTROL);
        long n = (long) Libc.RECVMSG.invokeExact(errno, fd, msghdr, MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return Optional.empty();
            }
            throw NativeException.of("recvmsg(raw VRRP socket)", e, null);
        }
        if ((msghdr.get(JAVA_INT, 48) & Libc.MSG_TRUNC) != 0) {
            return Optional.empty(); // larger than any VRRP message: not one
        }
        // An IPv4 raw socket delivers the IP header; IHL says how long it is (RFC 791).
        int offset = ipv6 ? 0 : (buffer.get(JAVA_BYTE, 0) & 0x0f) * 4;
        if (n < offset + 8) {
            return Optional.empty();
        }
        int ttl = ipv6 ? -1 : buffer.get(JAVA_BYTE, 8) & 0xff;
        int ifindex = 0;
        InetAddress destination = null;
        long controlLength = msghdr.get(JAVA_LONG, 40);
        // struct cmsghdr { size_t len; int level; int type; data aligned to 8 } (CMSG_NXTHDR)
        for (long at = 0; at + 16 <= controlLength; ) {
            long len = control.get(JAVA_LONG, at);
            if (len < 16 || at + len > controlLength) {
                break;
            }
            int level = control.get(JAVA_INT, at + 8);
            int type = control.get(JAVA_INT, at + 12);
            long data = at + 16;
            if (!ipv6 && level == Libc.IPPROTO_IP && type == Libc.IP_TTL) {
                ttl = control.get(JAVA_INT, data);
            } else if (!ipv6 && level == Libc.IPPROTO_IP && type == Libc.IP_PKTINFO) {
                // struct in_pktinfo { int ifindex; in_addr spec_dst; in_addr addr (header destination); }
                ifindex = control.get(JAVA_INT, data);
                destination = address(control, data + 8, 4);
            } else if (ipv6 && level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_HOPLIMIT) {
                ttl = control.get(JAVA_INT, data);
            } else if (ipv6 && level == Libc.IPPROTO_IPV6 && type == Libc.IPV6_PKTINFO) {
                // struct in6_pktinfo { in6_addr addr; int ifindex; }
                destination = address(control, data, 16);
                ifindex = control.get(JAVA_INT, data + 16);
            }
            at += (len + 7) & ~7L;
        }
        if (destination == null) {
            destination = ipv6 ? null : address(buffer, 16, 4);
            if (destination == null) {
                return Optional.empty();
            }
        }
        byte[] message = buffer.asSlice(offset, n - offset).toArray(JAVA_BYTE);
        return Optional.of(new ReceivedPacket(SockAddrs.read(name), destination, ttl, ifindex, message));
    }

    private static InetAddress address(MemorySegment from, long at, int length) {
        try {
            return InetAddress.getByAddress(from.asSlice(at, length).toArray(JAVA_BYTE));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
