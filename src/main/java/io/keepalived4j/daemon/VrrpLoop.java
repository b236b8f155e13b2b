package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one thread that runs the VRRP protocol: received adverts and ARP sightings, tracker results,
 * link events and signals arrive as tasks; between tasks it sleeps until the earliest protocol timer
 * of the node's {@link VrrpHost}. Everything that touches protocol state happens here, so nothing
 * else locks. A platform thread at maximum Java priority: a late timer is a false failover. With
 * {@code vrrp_rt_priority} it (and the receive threads) also runs SCHED_RR, see {@link VrrpScheduling}.
 *
 * <p>Bounded input. Two queues: control tasks ({@link #submit}: signals, stop, tracker results,
 * link events, which come from this host at a bounded rate) are never dropped; packet tasks
 * ({@link #offer}: whatever the network sends; a receive thread hands over what one wake-up read as
 * one task, {@link #offerEach}) go to a queue of {@value #PACKET_CAPACITY} packets and are dropped and
 * counted when it is full, so a flood costs a bounded amount of heap. Each turn runs the control
 * tasks, packet tasks until {@value #BATCH} packets ran, then the due timers: a flood cannot make an
 * advert late by more than about one batch.
 *
 * <p>Failures. A task that throws a RuntimeException is logged and counted (one bad packet must
 * not stop VRRP for every instance), but more than {@value #MAX_TASK_FAILURES} within a minute, or
 * any Error, ends the loop and calls the {@link Supervisor.Escalation}: the daemon stops. A task
 * that never returns is seen by {@link #busyForNanos()}, which the daemon's watchdog reads.
 */
final class VrrpLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    static final int PACKET_CAPACITY = 4096;
    static final int BATCH = 64;
    static final int MAX_TASK_FAILURES = 20;
    private static final long IDLE_WAIT_NANOS = 1_000_000_000L;

    private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
    private final ArrayBlockingQueue<PacketTask> packets = new ArrayBlockingQueue<>(PACKET_CAPACITY);
    private final AtomicInteger queuedPackets = new AtomicInteger();
    private final AtomicLong droppedPackets = new AtomicLong();
    private final AtomicLong failedTasks = new AtomicLong();
    private final Deque<Long> recentFailures = new ArrayDeque<>();
    private final LongSupplier clockMicros;
    private final Thread thread;
    private final OptionalInt rtPriority;
    private volatile OptionalInt nice = OptionalInt.empty();
    private volatile Supervisor.Escalation escalation = reason -> { };
    private volatile FaultHooks faults = FaultHooks.NONE;
    private volatile VrrpHost host;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile long busySince;

    /** @param clockMicros a monotonic clock in microseconds */
    VrrpLoop(LongSupplier clockMicros) {
        this(clockMicros, OptionalInt.empty());
    }

    /** @param rtPriority SCHED_RR priority for the loop and receive threads (vrrp_rt_priority), or none */
    VrrpLoop(LongSupplier clockMicros, OptionalInt rtPriority) {
        this.clockMicros = clockMicros;
        this.rtPriority = rtPriority;
        // A daemon thread: a loop stuck in a task must not keep the JVM from exiting after the stop.
        this.thread = Thread.ofPlatform().name("k4j-vrrp").daemon(true).priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    static VrrpLoop withSystemClock() {
        return withSystemClock(OptionalInt.empty());
    }

    static VrrpLoop withSystemClock(OptionalInt rtPriority) {
        return withSystemClock(rtPriority, System.nanoTime());
    }

    /**
     * On the system clock counted from {@code originNanos} ({@link System#nanoTime}): a reload's
     * loop shares its predecessor's origin, so the timers it carries over keep their instants.
     */
    static VrrpLoop withSystemClock(OptionalInt rtPriority, long originNanos) {
        return new VrrpLoop(() -> (System.nanoTime() - originNanos) / 1_000, rtPriority);
    }

    /** Who stops the daemon when the loop fails; set before {@link #start}. */
    void onFailure(Supervisor.Escalation escalation, FaultHooks faults) {
        this.escalation = escalation;
        this.faults = faults;
    }

    /** vrrp_priority's nice value for the loop and the receive threads; set before {@link #start}. */
    VrrpLoop withNice(OptionalInt niceValue) {
        this.nice = niceValue;
        return this;
    }

    /** The nice value the receive threads take too. */
    OptionalInt nice() {
        return nice;
    }

    /** The SCHED_RR priority the receive threads feeding this loop take too. */
    OptionalInt rtPriority() {
        return rtPriority;
    }

    long now() {
        return clockMicros.getAsLong();
    }

    /** Starts the thread; {@code host} is started on it, after the tasks already queued. */
    void start(VrrpHost vrrpHost) {
        this.host = vrrpHost;
        control.add(() -> vrrpHost.start(now()));
        thread.start();
    }

    /** A control task: runs on the loop thread after the tasks already queued; never dropped. */
    void submit(Runnable task) {
        control.add(task);
        wake();
    }

    /** A task for one packet. */
    private record PacketTask(Runnable task, int packets) {
    }

    /** A packet task: false (and counted) when the packet queue is full and it was dropped. */
    boolean offer(Runnable packetTask) {
        return offer(packetTask, 1);
    }

    /**
     * Packets read together, as one task: {@code handler} runs for each on the loop thread, each
     * guarded as a task of its own (one that throws does not cost the others). False, and all of
     * them counted as dropped, when they do not fit in the packet queue.
     */
    <T> boolean offerEach(List<T> received, Consumer<? super T> handler) {
        return offer(() -> {
            for (T packet : received) {
                if (!running) {
                    return;
                }
                runGuarded(handler, packet);
            }
        }, received.size());
    }

    private boolean offer(Runnable task, int count) {
        if (queuedPackets.addAndGet(count) > PACKET_CAPACITY || !packets.offer(new PacketTask(task, count))) {
            queuedPackets.addAndGet(-count);
            droppedPackets.addAndGet(count);
            return false;
        }
        wake();
        return true;
    }

    private void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs {@code task} on the loop thread and waits at most {@code timeout} for it (never call from
     * the loop thread).
     *
     * @return true when it ran; false when the loop is not running or did not get to it in time
     * @throws RuntimeException what the task threw
     */
    boolean call(Runnable task, Duration timeout) {
        if (!isAlive()) {
            return false;
        }
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
        try {
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            return false;
        }
    }

    /**
     * Ends the loop after the current task, with nothing more run: no queued task, no timer. A
     * reload's hand-over calls it on the loop thread, in the task that carries the instances' state
     * to the successor, so that the predecessor does nothing after its state was taken.
     *
     * @throws IllegalStateException off the loop thread
     */
    void halt() {
        if (!isLoopThread()) {
            throw new IllegalStateException("halt() off the loop thread");
        }
        running = false;
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Whether the loop runs and takes tasks (false from the moment it failed, before its thread ends). */
    boolean isAlive() {
        return running && thread.isAlive();
    }

    /**
     * The current turn made progress (an instance finished one action): the watchdog measures from
     * here. A turn that handles many instances at once (a start where every master-down timer fires
     * together: 100 instances with their VIPs, GARPs and log lines take longer than the limit) is not
     * a stuck loop; one action that does not return still is. Loop thread only.
     */
    void progressed() {
        if (busySince != 0) {
            busySince = System.nanoTime() | 1;
        }
    }

    /** How long the loop has been busy since its turn began or last progressed, 0 while it waits for work. */
    long busyForNanos() {
        long since = busySince;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** Where the loop thread is now, for the log line of a stuck loop. */
    StackTraceElement[] stackTrace() {
        return thread.getStackTrace();
    }

    /** Packets dropped because the queue was full. */
    long droppedPackets() {
        return droppedPackets.get();
    }

    /** Tasks that threw. */
    long failedTasks() {
        return failedTasks.get();
    }

    private void run() {
        VrrpScheduling.applyNiceToCurrentThread(nice);
        VrrpScheduling.applyToCurrentThread(rtPriority);
        VrrpScheduling.applyToJvmPauseThreads(rtPriority);
        try {
            while (running) {
                busySince = System.nanoTime() | 1;
                faults.inLoop();
                runControl();
                runPackets();
                if (running) {
                    host.fireDue(now());
                }
                busySince = 0;
                sleepUntilWorkOrTimer();
            }
        } catch (Throwable t) {
            busySince = 0;
            LOG.error("VRRP loop failed: {}", t.toString(), t);
            running = false;
            escalation.giveUp("the VRRP loop failed with " + t);
        }
    }

    private void runControl() {
        Runnable task;
        while (running && (task = control.poll()) != null) {
            runGuarded(task);
        }
    }

    private void runPackets() {
        PacketTask next;
        for (int ran = 0; ran < BATCH && running && (next = packets.poll()) != null; ran += next.packets()) {
            queuedPackets.addAndGet(-next.packets());
            runGuarded(next.task());
        }
    }

    private void runGuarded(Runnable task) {
        runGuarded(Runnable::run, task);
    }

    /** RuntimeExceptions are survivable (counted, rate-checked); Errors end the loop. */
    private <T> void runGuarded(Consumer<? super T> handler, T item) {
        try {
            handler.accept(item);
        } catch (RuntimeException e) {
            failedTasks.incrementAndGet();
            long now = System.nanoTime();
            recentFailures.addLast(now);
            while (now - recentFailures.peekFirst() > Supervisor.WINDOW.toNanos()) {
                recentFailures.removeFirst();
            }
            LOG.error("VRRP loop task failed", e);
            if (recentFailures.size() > MAX_TASK_FAILURES) {
                throw new IllegalStateException(recentFailures.size() + " loop tasks failed within "
                        + Supervisor.WINDOW.toSeconds() + " s", e);
            }
        }
    }

    private void sleepUntilWorkOrTimer() {
        parked = true;
        try {
            if (!control.isEmpty() || !packets.isEmpty() || !running) {
                return;
            }
            long deadline = host.nextDeadlineMicros();
            long waitNanos = deadline != Long.MAX_VALUE ? (deadline - now()) * 1_000 : IDLE_WAIT_NANOS;
            if (waitNanos > 0) {
                LockSupport.parkNanos(this, Math.min(waitNanos, IDLE_WAIT_NANOS));
            }
        } finally {
            parked = false;
        }
    }

    /**
     * Stops after the tasks already queued have run; waits at most 2 s for the thread, and not at all
     * for a loop stuck in a turn (the stop released the VIPs without it; the thread is a daemon
     * thread and ends with the JVM).
     */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        long busy = busyForNanos();
        if (busy > LoopWatchdog.MIN_STUCK_AFTER.toNanos()) {
            running = false;
            thread.interrupt(); // may end the turn at once: what it was stuck for is the reading before
            LOG.warn("VRRP loop stuck in a turn for {} ms: not waiting for it", busy / 1_000_000);
            return;
        }
        submit(() -> running = false);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            running = false;
            thread.interrupt();
            LOG.warn("VRRP loop did not stop within 2 s");
        }
    }
}
