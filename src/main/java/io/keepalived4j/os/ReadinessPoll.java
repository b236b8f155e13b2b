package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One thread's wait for any of its sockets to become readable, for a deadline, or for another
 * thread's {@link #wake()} (an eventfd): what keepalived's scheduler does with epoll and a timerfd.
 * The VRRP loop reads its receive sockets itself with it, so a backup's advert costs one thread one
 * wake-up, not a receive thread's and then the loop's (issue 12). {@code ppoll}: the timeout is in
 * nanoseconds, so protocol timers are not rounded up to a millisecond.
 *
 * <p>Not thread-safe, but for {@link #wake()}, which any thread may call, and {@link #close()}.
 */
public final class ReadinessPoll implements AutoCloseable {

    /** The most sockets one wait watches (a VRRP node has one per interface and family). */
    public static final int MAX_SOCKETS = 255;

    private final int wakeFd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno;
    private final MemorySegment pollFds;
    private final MemorySegment timeout;
    private final MemorySegment eventCount;
    private final Object lifecycle = new Object();
    private boolean closed;
    private int watched;

    private ReadinessPoll(int wakeFd) {
        this.wakeFd = wakeFd;
        this.errno = Libc.newCallState(arena);
        this.pollFds = arena.allocate(8L * (MAX_SOCKETS + 1), 8);
        this.timeout = arena.allocate(16, 8);
        this.eventCount = arena.allocate(8, 8);
    }

    public static ReadinessPoll open() throws NativeException {
        return new ReadinessPoll(Sockets.eventFd());
    }

    /**
     * Waits until one of {@code fds[0..count)} is readable (or in error: the read that follows
     * says which), {@link #wake()} is called, or {@code timeoutNanos} (0: just look) passes. A
     * signal (EINTR) ends the wait early, as a timeout. Afterwards {@link #readable} tells which.
     *
     * @return whether it was woken
     */
    public boolean await(int[] fds, int count, long timeoutNanos) throws NativeException {
        if (count > MAX_SOCKETS) {
            throw new IllegalArgumentException(count + " sockets, at most " + MAX_SOCKETS);
        }
        pollFds.set(JAVA_INT, 0, wakeFd);
        pollFds.set(JAVA_SHORT, 4, Libc.POLLIN);
        pollFds.set(JAVA_SHORT, 6, (short) 0);
        for (int i = 0; i < count; i++) {
            long at = 8L * (i + 1);
            pollFds.set(JAVA_INT, at, fds[i]);
            pollFds.set(JAVA_SHORT, at + 4, Libc.POLLIN);
            pollFds.set(JAVA_SHORT, at + 6, (short) 0);
        }
        watched = count;
        long nanos = Math.max(0, timeoutNanos);
        timeout.set(JAVA_LONG, 0, nanos / 1_000_000_000L);
        timeout.set(JAVA_LONG, 8, nanos % 1_000_000_000L);
        int rc;
        try {
            rc = (int) Libc.PPOLL.invokeExact(errno, pollFds, (long) count + 1, timeout, MemorySegment.NULL);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (rc < 0) {
            int e = Libc.errno(errno);
            if (e != Libc.EINTR) {
                throw NativeException.of("ppoll(VRRP sockets)", e, null);
            }
            clearEvents();
            return false;
        }
        boolean woken = pollFds.get(JAVA_SHORT, 6) != 0;
        if (woken) {
            drainWakeups();
        }
        return woken;
    }

    /** After {@link #await}: whether {@code fds[index]} had an event. */
    public boolean readable(int index) {
        return index < watched && pollFds.get(JAVA_SHORT, 8L * (index + 1) + 6) != 0;
    }

    /** Ends the current or the next wait at once. Any thread; nothing after {@link #close()}. */
    public void wake() {
        synchronized (lifecycle) {
            if (!closed) {
                Sockets.wake(wakeFd);
            }
        }
    }

    /** Idempotent; the waiting thread must have left. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            Sockets.close(wakeFd);
        }
        arena.close();
    }

    private void clearEvents() {
        for (int i = 0; i <= watched; i++) {
            pollFds.set(JAVA_SHORT, 8L * i + 6, (short) 0);
        }
    }

    /** Resets the eventfd's counter (non-blocking: EAGAIN when another read got there first). */
    private void drainWakeups() {
        try {
            long ignored = (long) Libc.READ.invokeExact(errno, wakeFd, eventCount, 8L);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
