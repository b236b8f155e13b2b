package io.keepalived4j.daemon;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One supervised component's recent failures and the wait before its next restart (STYLE 12):
 * 100 ms doubling to 5 s, reset by a turn that succeeds; more than {@link Supervisor#MAX_FAILURES}
 * within {@link Supervisor#WINDOW} and it is given up on. For the {@link Supervisor}'s threads and
 * for the sockets the VRRP loop reads itself. Not thread-safe: its component's thread only.
 */
final class RestartBudget {

    private final Deque<Long> failures = new ArrayDeque<>();
    private long backoffMillis = Supervisor.FIRST_BACKOFF.toMillis();

    /** A failure at {@code nowNanos}: true when there were too many to restart again. */
    boolean failedAndExhausted(long nowNanos) {
        failures.addLast(nowNanos);
        while (nowNanos - failures.peekFirst() > Supervisor.WINDOW.toNanos()) {
            failures.removeFirst();
        }
        return failures.size() > Supervisor.MAX_FAILURES;
    }

    /** How many failures the window holds. */
    int failuresInWindow() {
        return failures.size();
    }

    /** The wait before this restart; the next one waits twice as long, up to the maximum. */
    long nextBackoffMillis() {
        long wait = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, Supervisor.MAX_BACKOFF.toMillis());
        return wait;
    }

    /** A turn that succeeded: the next failure waits the first backoff again. */
    void succeeded() {
        backoffMillis = Supervisor.FIRST_BACKOFF.toMillis();
    }
}
