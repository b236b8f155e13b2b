package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code poll} on a socket and a wake-up eventfd, the waiting half every receiver here shares: a
 * blocked receiver returns at once when another thread closes its socket (it writes the eventfd
 * first). Native memory allocated once; not thread-safe (one receiver at a time).
 */
final class WakeablePoll {

    /** Why {@link #await} returned. */
    enum Outcome { READABLE, WOKEN, TIMED_OUT }

    private final int fd;
    private final int wakeFd;
    private final String what;
    private final MemorySegment errno;
    private final MemorySegment pollFds;

    /** @param what names the socket in error messages, e.g. "raw VRRP socket" */
    WakeablePoll(Arena arena, int fd, int wakeFd, String what) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.what = what;
        this.errno = Libc.newCallState(arena);
        this.pollFds = arena.allocate(16, 8);
    }

    /** Waits until the socket is readable, the eventfd fires, or {@code deadlineNanos} (System.nanoTime) passes. */
    Outcome await(long deadlineNanos) throws NativeException {
        while (true) {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            int millis = (int) Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000);
            pollFds.set(JAVA_INT, 0, fd);
            pollFds.set(JAVA_SHORT, 4, Libc.POLLIN);
            pollFds.set(JAVA_SHORT, 6, (short) 0);
            pollFds.set(JAVA_INT, 8, wakeFd);
            pollFds.set(JAVA_SHORT, 12, Libc.POLLIN);
            pollFds.set(JAVA_SHORT, 14, (short) 0);
            int rc;
            try {
                rc = (int) Libc.POLL.invokeExact(errno, pollFds, 2L, millis);
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
            if (rc < 0) {
                if (Libc.errno(errno) != Libc.EINTR) {
                    throw NativeException.of("poll(" + what + ")", Libc.errno(errno), null);
                }
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return Outcome.TIMED_OUT;
                }
                continue;
            }
            if (rc > 0 && pollFds.get(JAVA_SHORT, 14) != 0) {
                return Outcome.WOKEN;
            }
            if (rc > 0 && pollFds.get(JAVA_SHORT, 6) != 0) {
                return Outcome.READABLE;
            }
            return Outcome.TIMED_OUT;
        }
    }
}
