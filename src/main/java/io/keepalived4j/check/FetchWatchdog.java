package io.keepalived4j.check;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a fetch's socket if the fetch is still running at its deadline. Socket timeouts bound
 * each read, but not a TLS handshake that a server trickles out a byte at a time; closing the
 * socket ends whatever call is blocked on it.
 *
 * <p>One timer thread for all fetches: a watch is an entry in its queue, removed when the fetch
 * ends in time (the common case), so a thousand checks a second cost no thread and no wake-up.
 * The task only closes a socket; it cannot throw out of the executor.
 */
final class FetchWatchdog implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private volatile boolean fired;
    private volatile ScheduledFuture<?> task;

    private FetchWatchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name("k4j-fetch-watchdog").daemon(true).unstarted(r));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    static FetchWatchdog watch(Closeable socket, long nanos) {
        FetchWatchdog w = new FetchWatchdog();
        w.task = TIMER.schedule(() -> w.fire(socket), Math.max(0, nanos), TimeUnit.NANOSECONDS);
        return w;
    }

    private void fire(Closeable socket) {
        fired = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing to unblock the fetch: an error closing changes nothing for it.
        }
    }

    /** Whether the deadline passed and the socket was closed under the fetch. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
