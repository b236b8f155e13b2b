package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one thread that runs the VRRP protocol: received adverts, tracker results and signals
 * arrive as tasks; between tasks it sleeps until the earliest protocol timer of the node's
 * {@link VrrpHost}. Everything that touches protocol state happens here, so nothing else locks.
 * A platform thread at maximum Java priority: a late timer is a false failover. With
 * {@code vrrp_rt_priority} it (and the receive threads) also runs SCHED_RR, see {@link VrrpScheduling}.
 */
final class VrrpLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VrrpLoop.class);

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final LongSupplier clockMicros;
    private final Thread thread;
    private final OptionalInt rtPriority;
    private volatile VrrpHost host;
    private volatile boolean running = true;

    /** @param clockMicros a monotonic clock in microseconds */
    VrrpLoop(LongSupplier clockMicros) {
        this(clockMicros, OptionalInt.empty());
    }

    /** @param rtPriority SCHED_RR priority for the loop and receive threads (vrrp_rt_priority), or none */
    VrrpLoop(LongSupplier clockMicros, OptionalInt rtPriority) {
        this.clockMicros = clockMicros;
        this.rtPriority = rtPriority;
        this.thread = Thread.ofPlatform().name("k4j-vrrp").daemon(false).priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    static VrrpLoop withSystemClock() {
        return withSystemClock(OptionalInt.empty());
    }

    static VrrpLoop withSystemClock(OptionalInt rtPriority) {
        long origin = System.nanoTime();
        return new VrrpLoop(() -> (System.nanoTime() - origin) / 1_000, rtPriority);
    }

    /** The SCHED_RR priority the receive threads feeding this loop take too. */
    OptionalInt rtPriority() {
        return rtPriority;
    }

    long now() {
        return clockMicros.getAsLong();
    }

    /** Starts the thread; {@code host} is started on it. */
    void start(VrrpHost vrrpHost) {
        this.host = vrrpHost;
        tasks.add(() -> vrrpHost.start(now()));
        thread.start();
    }

    /** Runs {@code task} on the loop thread, after the tasks already queued. */
    void submit(Runnable task) {
        tasks.add(task);
    }

    /** Runs {@code task} on the loop thread and waits for it (never call from the loop thread). */
    void call(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
                throw e;
            }
        });
        done.join();
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        VrrpScheduling.applyToCurrentThread(rtPriority);
        VrrpScheduling.applyToJvmPauseThreads(rtPriority);
        while (running) {
            try {
                OptionalLong deadline = host.nextDeadline();
                long waitMicros = deadline.isPresent() ? deadline.getAsLong() - now() : 1_000_000;
                Runnable task = waitMicros > 0 ? tasks.poll(waitMicros, TimeUnit.MICROSECONDS) : tasks.poll();
                if (task != null) {
                    task.run();
                }
                host.fireDue(now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // One failed task must not stop VRRP for every instance of the node.
                LOG.error("VRRP loop task failed", e);
            }
        }
    }

    /** Stops after the tasks already queued (e.g. the shutdown's priority-0 adverts) have run. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        submit(() -> running = false);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
