package io.keepalived4j.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the daemon's tests: each hook throws an {@code Error} as many times as the
 * test armed it ({@code -1}: every time), or the loop hook blocks forever (until released).
 */
final class InjectedFaults implements FaultHooks {

    final AtomicInteger loopErrors = new AtomicInteger();
    final AtomicInteger receiverErrors = new AtomicInteger();
    final AtomicInteger arpErrors = new AtomicInteger();
    final AtomicInteger linkErrors = new AtomicInteger();
    final AtomicInteger trackerErrors = new AtomicInteger();
    private volatile boolean hangLoop;
    private final CountDownLatch releaseLoop = new CountDownLatch(1);

    void hangLoop() {
        hangLoop = true;
    }

    void releaseLoop() {
        releaseLoop.countDown();
    }

    private static void maybeThrow(AtomicInteger armed, String where) {
        int n = armed.get();
        if (n == -1 || (n > 0 && armed.compareAndSet(n, n - 1))) {
            throw new Error("injected fault in " + where);
        }
    }

    @Override
    public void inLoop() {
        maybeThrow(loopErrors, "the VRRP loop");
        if (hangLoop) {
            try {
                releaseLoop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void inReceiver(String thread) {
        maybeThrow(receiverErrors, thread);
    }

    @Override
    public void inArpWatch(String thread) {
        maybeThrow(arpErrors, thread);
    }

    @Override
    public void inLinkMonitor() {
        maybeThrow(linkErrors, "the link monitor");
    }

    @Override
    public void inTracker(String name) {
        maybeThrow(trackerErrors, name);
    }
}
