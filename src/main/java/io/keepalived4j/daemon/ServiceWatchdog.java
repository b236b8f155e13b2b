package io.keepalived4j.daemon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Feeds the service manager's watchdog ({@code WatchdogSec=}) only while the daemon works: every
 * half interval (sd_watchdog_enabled(3)'s advice) it hands one {@code WATCHDOG=1} to the thread
 * whose life matters (the VRRP loop), which sends it when it gets to it. A loop that hangs never
 * runs the ping, and no second one is queued behind it, so the service manager sees the silence
 * and restarts the daemon even if every other thread is fine; a blind timer would keep pinging.
 * A supervised step ({@link Supervisor}), like {@link LoopWatchdog}.
 */
final class ServiceWatchdog {

    private final Consumer<Runnable> onWatchedThread;
    private final ServiceNotifier notifier;
    private final long everyMillis;
    private final AtomicBoolean pending = new AtomicBoolean();

    /**
     * @param onWatchedThread runs a task on the thread that proves liveness (e.g. {@code loop::submit})
     * @param interval        the service manager's watchdog interval ({@code WATCHDOG_USEC})
     */
    ServiceWatchdog(Consumer<Runnable> onWatchedThread, ServiceNotifier notifier, Duration interval) {
        this.onWatchedThread = onWatchedThread;
        this.notifier = notifier;
        this.everyMillis = Math.max(1, interval.toMillis() / 2);
    }

    /** One ping, handed over unless the last one is still waiting for the watched thread. */
    void ping() {
        if (pending.compareAndSet(false, true)) {
            onWatchedThread.accept(() -> {
                pending.set(false);
                notifier.watchdog();
            });
        }
    }

    /** Waits half an interval, then {@link #ping()}s. */
    void step() throws InterruptedException {
        Thread.sleep(everyMillis);
        ping();
    }

    long everyMillis() {
        return everyMillis;
    }
}
