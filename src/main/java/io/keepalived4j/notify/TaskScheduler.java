package io.keepalived4j.notify;

import java.time.Duration;

/**
 * Runs tasks later. Injected so trackers can be tested in virtual time (a test scheduler that
 * advances a fake clock) and run for real with {@link ExecutorTaskScheduler}.
 */
public interface TaskScheduler {

    /** Runs {@code task} once after {@code delay}; the handle cancels it if it has not started. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }
}
