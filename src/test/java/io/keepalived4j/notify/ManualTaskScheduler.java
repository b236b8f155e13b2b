package io.keepalived4j.notify;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link TaskScheduler} in virtual time: nothing runs until the test advances the clock. */
final class ManualTaskScheduler implements TaskScheduler {

    private record Task(long due, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
    private long nowNanos;
    private long seq;

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(nowNanos + delay.toNanos(), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs everything due up to now + d, in order, advancing the clock to each task's time. */
    void advance(Duration d) {
        long end;
        synchronized (this) {
            end = nowNanos + d.toNanos();
        }
        while (true) {
            Task t;
            synchronized (this) {
                t = tasks.peek();
                if (t == null || t.due() > end) {
                    nowNanos = end;
                    return;
                }
                tasks.poll();
                nowNanos = t.due();
            }
            if (!t.cancelled()[0]) {
                t.run().run();
            }
        }
    }

    synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }
}
