package io.keepalived4j.os;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A wait for one descriptor to become readable that another thread can end at once: poll on the
 * descriptor and an eventfd ({@link WakeablePoll}). For a reader that must block long (a netlink
 * monitor that hears something a few times a day) yet stop without delay: instead of waking
 * every few milliseconds to look at a flag, it sleeps until there is data or it is told to stop.
 *
 * <p>Owns only the eventfd and its native memory; the descriptor waited on stays the caller's. One
 * waiter at a time; {@link #wake()} and {@link #close()} from any thread, but the caller closes
 * only after the waiter has left (closing frees what a blocked waiter is using).
 */
public final class ReadableWait implements AutoCloseable {

    private final int wakeFd;
    private final Arena arena = Arena.ofShared();
    private final WakeablePoll poll;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ReadableWait(int fd, int wakeFd, String what) {
        this.wakeFd = wakeFd;
        this.poll = new WakeablePoll(arena, fd, wakeFd, what);
    }

    /** @param what names the descriptor in error messages, e.g. "netlink monitor" */
    public static ReadableWait on(int fd, String what) throws NativeException {
        return new ReadableWait(fd, Sockets.eventFd(), what);
    }

    /**
     * Waits at most {@code timeout}: true when the descriptor is readable, false after the timeout
     * or a {@link #wake()} (which stays in force: every later wait returns false at once).
     */
    public boolean await(Duration timeout) throws NativeException {
        return poll.await(System.nanoTime() + timeout.toNanos()) == WakeablePoll.Outcome.READABLE;
    }

    /** Ends the current wait and every later one. */
    public void wake() {
        if (!closed.get()) {
            Sockets.wake(wakeFd);
        }
    }

    /** Closes the eventfd; the waiter must have left. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Sockets.close(wakeFd);
        arena.close();
    }
}
