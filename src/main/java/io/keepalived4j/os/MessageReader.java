package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code recvmsg(MSG_DONTWAIT)} of one datagram into buffers allocated once: the payload, the
 * sender's address and (optionally) the control messages. The parsers of {@link ReceiveChannel}
 * read the result through the accessors. Not thread-safe: the channel serialises receivers.
 */
final class MessageReader {

    /** {@link #receive()}: nothing was queued (EAGAIN, EINTR). */
    static final long NONE = -1;
    /** {@link #receive()}: a datagram longer than the buffer arrived and was dropped. */
    static final long TRUNCATED = -2;

    // struct msghdr (64-bit): name @0, namelen @8, iov @16, iovlen @24, control @32, controllen @40, flags @48
    private static final int MSGHDR_SIZE = 56;

    private final int fd;
    private final String what;
    private final MemorySegment errno;
    private final MemorySegment buffer;
    private final MemorySegment name;
    private final MemorySegment iov;
    private final MemorySegment control;
    private final MemorySegment msghdr;

    MessageReader(Arena arena, int fd, String what, int bufferSize, int nameSize, int controlSize) {
        this.fd = fd;
        this.what = what;
        errno = Libc.newCallState(arena);
        buffer = arena.allocate(bufferSize, 8);
        name = arena.allocate(nameSize, 8);
        iov = arena.allocate(16, 8);
        control = controlSize > 0 ? arena.allocate(controlSize, 8) : MemorySegment.NULL;
        msghdr = arena.allocate(MSGHDR_SIZE, 8);
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, 8, bufferSize);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1L);
        msghdr.set(ADDRESS, 32, control);
    }

    /**
     * Receives one datagram without blocking: its length, or {@link #NONE} when there was none
     * (EAGAIN, EINTR), or {@link #TRUNCATED} when it was longer than the buffer (MSG_TRUNC: none of
     * our protocols sends such a message; it is gone).
     */
    long receive() throws NativeException {
        // The kernel writes back only the lengths and the flags: the pointers stay as set once.
        msghdr.set(JAVA_INT, 8, (int) name.byteSize());
        msghdr.set(JAVA_LONG, 40, control.byteSize());
        msghdr.set(JAVA_INT, 48, 0);
        long n;
        try {
            n = (long) Libc.RECVMSG.invokeExact(errno, fd, msghdr, Libc.MSG_DONTWAIT);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return NONE;
            }
            throw NativeException.of("recvmsg(" + what + ")", e, null);
        }
        return (msghdr.get(JAVA_INT, 48) & Libc.MSG_TRUNC) != 0 ? TRUNCATED : n;
    }

    MemorySegment buffer() {
        return buffer;
    }

    MemorySegment name() {
        return name;
    }

    MemorySegment control() {
        return control;
    }

    /** How many bytes of control messages the kernel wrote. */
    long controlLength() {
        return msghdr.get(JAVA_LONG, 40);
    }
}
