package io.keepalived4j.daemon;

import io.keepalived4j.notify.TaskScheduler;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The vrrp_scripts' timer thread, run by the {@link Supervisor}: a task that throws is the
 * supervisor's to log and restart after, instead of silently ending a periodic schedule (which a
 * ScheduledExecutorService does). Tasks must be short: trackers only start a script and return.
 */
final class SupervisedScheduler implements TaskScheduler {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final DelayQueue<Entry> queue = new DelayQueue<>();

    private static final class Entry implements Delayed, Cancellable {
        final long dueNanos;
        final long sequence = SEQUENCE.incrementAndGet();
        final Runnable task;
        final AtomicBoolean cancelled = new AtomicBoolean();

        Entry(long dueNanos, Runnable task) {
            this.dueNanos = dueNanos;
            this.task = task;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Entry e = (Entry) o;
            int c = Long.compare(dueNanos, e.dueNanos);
            return c != 0 ? c : Long.compare(sequence, e.sequence);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Entry e = new Entry(System.nanoTime() + delay.toNanos(), task);
        queue.add(e);
        return e;
    }

    /** One turn for the supervisor: waits up to a second for the next due task and runs it. */
    void step() throws InterruptedException {
        Entry e = queue.poll(1, TimeUnit.SECONDS);
        if (e != null && !e.cancelled.get()) {
            e.task.run();
        }
    }

    /** Tasks waiting (for tests). */
    int pending() {
        return queue.size();
    }
}
