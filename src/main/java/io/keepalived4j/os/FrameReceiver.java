package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * The receive half of an AF_PACKET socket ({@link ArpListener}): {@code poll} on the socket and a
 * wake-up eventfd, then {@code recvmsg} of one whole frame with its {@code sockaddr_ll}, whose
 * {@code sll_pkttype}, the kernel's verdict on whom the frame was for. Native memory is
 * allocated once; not thread-safe: the listener serialises callers.
 */
final class FrameReceiver {

    /**
     * A frame and its {@code sll_pkttype} ({@code <linux/if_packet.h>}): PACKET_HOST 0,
     * PACKET_BROADCAST 1, PACKET_MULTICAST 2, PACKET_OTHERHOST 3, PACKET_OUTGOING 4.
     */
    record Frame(byte[] bytes, int packetType) {

        /** For this host: to our MAC, broadcast or multicast; not another host's, not our own. */
        boolean forUs() {
            return packetType <= 2;
        }
    }

    // Ethernet MTU 1500 + header + a VLAN tag; ARP frames are 42-60 bytes, longer ones are dropped.
    private static final int BUFFER = 1536;
    private static final int MSG_DONTWAIT = 0x40;

    private final int fd;
    private final int ifindex;
    private final MemorySegment errno;
    private final MemorySegment buffer;
    private final MemorySegment name;
    private final MemorySegment iov;
    private final MemorySegment msghdr;
    private final WakeablePoll poll;

    FrameReceiver(Arena arena, int fd, int wakeFd, int ifindex) {
        this.fd = fd;
        this.ifindex = ifindex;
        errno = Libc.newCaptureState(arena);
        buffer = arena.allocate(BUFFER, 8);
        name = arena.allocate(SockAddrs.LL_SIZE, 8);
        iov = arena.allocate(16, 8);
        msghdr = arena.allocate(56, 8);
        poll = new WakeablePoll(arena, fd, wakeFd, "AF_PACKET socket");
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, 8, BUFFER);
    }

    /** The next frame, or empty when {@code timeoutNanos} passed or the wake-up fd fired (close). */
    Optional<Frame> receive(long timeoutNanos) throws NativeException {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (poll.await(deadline) == WakeablePoll.Outcome.READABLE) {
                Optional<Frame> got = readOne();
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

    private Optional<Frame> readOne() throws Throwable {
        msghdr.fill((byte) 0);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(JAVA_INT, 8, SockAddrs.LL_SIZE);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1L);
        long n = (long) Libc.RECVMSG.invokeExact(errno, fd, msghdr, MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return Optional.empty();
            }
            throw NativeException.of("recvmsg(AF_PACKET socket)", e, null);
        }
        if ((msghdr.get(JAVA_INT, 48) & Libc.MSG_TRUNC) != 0 || name.get(JAVA_INT, 4) != ifindex) {
            return Optional.empty(); // too long to be ARP, or (bound, so never) another interface
        }
        // struct sockaddr_ll: family(2) protocol(2) ifindex(4) hatype(2) pkttype(1) halen(1) addr(8)
        return Optional.of(new Frame(buffer.asSlice(0, n).toArray(JAVA_BYTE), name.get(JAVA_BYTE, 10) & 0xff));
    }
}
