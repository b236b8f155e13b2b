package io.keepalived4j.lb.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A sync thread (a virtual thread) running one bounded step over and over (STYLE 12): a step
 * that throws is logged and run again after a backoff (100 ms doubling to 5 s); more than
 * {@value #MAX_FAILURES} failures within a minute, a channel closed under it, or a
 * {@link VirtualMachineError} give up: the owner's {@code onGiveUp} hears why.
 */
final class SupervisedLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceSync.class);
    static final int MAX_FAILURES = 5;
    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final Thread thread;
    private final LongAdder restarts = new LongAdder();
    private volatile boolean closing;

    private SupervisedLoop(String name, Step step, Consumer<String> onGiveUp) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> loop(name, step, onGiveUp));
    }

    static SupervisedLoop start(String name, Step step, Consumer<String> onGiveUp) {
        SupervisedLoop l = new SupervisedLoop(name, step, onGiveUp);
        l.thread.start();
        return l;
    }

    private void loop(String name, Step step, Consumer<String> onGiveUp) {
        Deque<Long> failures = new ArrayDeque<>();
        long backoffMillis = 100;
        while (!closing) {
            try {
                step.run();
                backoffMillis = 100;
            } catch (Throwable t) {
                if (closing) {
                    return;
                }
                if (t instanceof VirtualMachineError || t instanceof ClosedChannelException) {
                    giveUp(name + " cannot go on: " + t, t, onGiveUp);
                    return;
                }
                long now = System.nanoTime();
                failures.addLast(now);
                while (now - failures.peekFirst() > WINDOW_NANOS) {
                    failures.removeFirst();
                }
                if (failures.size() > MAX_FAILURES) {
                    giveUp(name + " failed " + failures.size() + " times within a minute, last: " + t, t, onGiveUp);
                    return;
                }
                LOG.error("{} failed: {}; restarting it in {} ms", name, t, backoffMillis, t);
                restarts.increment();
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    if (closing) {
                        return;
                    }
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private static void giveUp(String reason, Throwable t, Consumer<String> onGiveUp) {
        LOG.error("{}: giving up", reason, t);
        onGiveUp.accept(reason);
    }

    long restarts() {
        return restarts.sum();
    }

    /**
     * From now on a failure is expected (the owner is about to close what the step uses) and ends
     * the loop quietly. The owner of loops sharing one channel marks them all before it stops any:
     * interrupting one loop's blocked call closes the channel under the others.
     */
    void expectStop() {
        closing = true;
    }

    /**
     * Asks the loop to end: from now on a failure is expected (the owner is closing what the step
     * waits on) and ends it quietly.
     */
    void requestStop() {
        closing = true;
        thread.interrupt();
    }

    /** Waits at most {@code bound} for the loop to end. */
    boolean join(Duration bound) {
        try {
            return thread.join(bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
