package io.keepalived4j.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns the daemon's long-lived threads and notices when one fails (STYLE 12). Each component is a
 * {@link Step}, one bounded turn of its work (a receive with a timeout, one poll), which the
 * supervisor runs in a loop on its own platform thread. A step that throws anything is logged and
 * run again after a backoff (100 ms doubling to 5 s); a component that fails more than
 * {@value #MAX_FAILURES} times within a minute, or any {@link VirtualMachineError} (out of memory:
 * nothing can be trusted), is given up on: the {@link Escalation} stops the daemon the way SIGTERM
 * does and the process exits non-zero, so a service manager restarts it.
 *
 * <pre>{@code
 * Supervisor s = new Supervisor(reason -> daemon.fail(reason));
 * s.start("k4j-arp-eth0", Thread.NORM_PRIORITY, () -> arp.receive(Duration.ofSeconds(1)).ifPresent(...));
 * }</pre>
 */
final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** More failures than this within {@link #WINDOW} and the component is given up on. */
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long {@link #close()} waits for all threads together. */
    static final Duration JOIN_BOUND = Duration.ofSeconds(2);

    /** One bounded turn of a component's work. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** The daemon's answer to a component that cannot be kept running. */
    @FunctionalInterface
    interface Escalation {
        void giveUp(String reason);
    }

    private final Escalation escalation;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> restarts = new ConcurrentHashMap<>();
    private volatile boolean closing;

    Supervisor(Escalation escalation) {
        this.escalation = escalation;
    }

    /** Runs {@code step} over and over on a new daemon platform thread named {@code name}. */
    void start(String name, int priority, Step step) {
        restarts.putIfAbsent(name, new AtomicLong());
        Thread t = Thread.ofPlatform().name(name).daemon(true).priority(priority).unstarted(() -> supervise(name, step));
        threads.add(t);
        t.start();
    }

    /** How often each component was restarted (for status and tests). */
    Map<String, Long> restarts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        restarts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void supervise(String name, Step step) {
        RestartBudget budget = new RestartBudget();
        while (!closing) {
            try {
                step.run();
                budget.succeeded();
            } catch (Throwable t) {
                if (closing) {
                    return;
                }
                if (t instanceof VirtualMachineError) {
                    giveUp(name, name + " failed with " + t);
                    return;
                }
                if (budget.failedAndExhausted(System.nanoTime())) {
                    giveUp(name, exhausted(name, budget, t));
                    return;
                }
                long backoffMillis = budget.nextBackoffMillis();
                logRestart(name, t, backoffMillis);
                restarts.get(name).incrementAndGet();
                if (!pause(backoffMillis)) {
                    return;
                }
            }
        }
    }

    /** The reason a component is given up on, in one wording wherever it ran. */
    static String exhausted(String name, RestartBudget budget, Throwable last) {
        return name + " failed " + budget.failuresInWindow() + " times within " + WINDOW.toSeconds() + " s, last: " + last;
    }

    /** The log line of a restart, in one wording wherever the component runs. */
    static void logRestart(String name, Throwable t, long backoffMillis) {
        LOG.error("{} failed: {}; restarting it in {} ms", name, t, backoffMillis, t);
    }

    private void giveUp(String name, String reason) {
        LOG.error("{}: giving up, stopping the daemon", reason);
        threads.remove(Thread.currentThread());
        escalation.giveUp(reason);
    }

    /** Sleeps, or returns false at once when the supervisor is closing (close interrupts). */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closing;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * The stop begins: failures from now on are expected (their sockets are being closed) and
     * nothing is restarted; threads sleeping in a backoff end at once.
     */
    void stopRestarting() {
        closing = true;
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    /**
     * Waits (at most {@link #JOIN_BOUND} in all) for the threads to end; their owners have already
     * closed what the steps wait on (sockets wake their receivers).
     */
    @Override
    public void close() {
        stopRestarting();
        long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("{} did not end within {} ms of the stop", t.getName(), JOIN_BOUND.toMillis());
            }
        }
    }
}
