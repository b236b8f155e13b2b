package io.keepalived4j.check;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closes a fetch's socket if the fetch is still running at its deadline. Socket timeouts bound
 * each read, but not a TLS handshake that a server trickles out a byte at a time; closing the
 * socket ends whatever call is blocked on it. One short-lived virtual thread per fetch, gone when
 * the fetch closes the watchdog or the deadline passes.
 */
final class FetchWatchdog implements AutoCloseable {

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean fired;

    private FetchWatchdog() {
    }

    static FetchWatchdog watch(Closeable socket, long nanos) {
        FetchWatchdog w = new FetchWatchdog();
        Thread.ofVirtual().name("http-fetch-watchdog").start(() -> w.await(socket, nanos));
        return w;
    }

    private void await(Closeable socket, long nanos) {
        try {
            if (!done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS)) {
                fired = true;
                socket.close();
            }
        } catch (InterruptedException e) {
            // Nothing interrupts this thread; if something does, the fetch keeps its own timeouts.
            Thread.currentThread().interrupt();
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
        done.countDown();
    }
}
