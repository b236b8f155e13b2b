package io.keepalived4j.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one vrrp_script every {@code interval} with its {@code timeout} and reports each raw
 * result; rise/fall and weights are the engine's job ({@code vrrp.engine.RiseFall}).
 *
 * <p>As keepalived's {@code vrrp_script_thread()}: runs start on a fixed cadence (the next run
 * is scheduled when a run starts, not when it ends), the first one at once, and a run that is
 * still going when the next is due makes that one be skipped ("Track script %s is running,
 * expect idle - skipping run") rather than start a second copy.
 *
 * <pre>{@code
 * ScriptTracker t = new ScriptTracker("chk_nginx", script, Duration.ofSeconds(2), Duration.ofSeconds(1),
 *         runner, scheduler, (name, result) -> engine.trackerResult(name, result.succeeded()));
 * t.start();
 * }</pre>
 */
public final class ScriptTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptTracker.class);

    /** Receives every finished run. Called from the runner's thread. */
    @FunctionalInterface
    public interface Listener {
        void onResult(String name, ScriptResult result);
    }

    private final String name;
    private final NotifyScript script;
    private final Duration interval;
    private final Duration timeout;
    private final ScriptRunner runner;
    private final TaskScheduler scheduler;
    private final Listener listener;
    private final AtomicLong skipped = new AtomicLong();
    private boolean running;
    private boolean closed;
    private TaskScheduler.Cancellable next;

    public ScriptTracker(String name, NotifyScript script, Duration interval, Duration timeout, ScriptRunner runner,
                         TaskScheduler scheduler, Listener listener) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.name = name;
        this.script = script;
        this.interval = interval;
        this.timeout = timeout;
        this.runner = runner;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    public synchronized void start() {
        next = scheduler.schedule(Duration.ZERO, this::tick);
    }

    private void tick() {
        synchronized (this) {
            if (closed) {
                return;
            }
            next = scheduler.schedule(interval, this::tick);
            if (running) {
                skipped.incrementAndGet();
                LOG.info("Track script {} is running, expect idle - skipping run", name);
                return;
            }
            running = true;
        }
        runner.run(script.argv(), script.runAs(), timeout).whenComplete((r, failure) -> {
            boolean deliver;
            synchronized (this) {
                running = false;
                deliver = !closed;
            }
            if (deliver && r != null) {
                listener.onResult(name, r);
            }
        });
    }

    /** Runs skipped because the previous run was still going. */
    public long skipped() {
        return skipped.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel();
        }
    }
}
