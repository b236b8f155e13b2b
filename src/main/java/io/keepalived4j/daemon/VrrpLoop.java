package io.keepalived4j.daemon;

import io.keepalived4j.os.NativeException;
import io.keepalived4j.vrrp.engine.VrrpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The one thread that runs the VRRP protocol: received adverts and ARP sightings, tracker results,
 * link events and signals arrive as tasks; between tasks it sleeps until the earliest protocol timer
 * of the node's {@link VrrpHost}. Everything that touches protocol state happens here, so nothing
 * else locks. A platform thread at maximum Java priority: a late timer is a false failover. With
 * {@code vrrp_rt_priority} it (and any receive thread) also runs SCHED_RR, see {@link VrrpScheduling}.
 *
 * <p>Sockets. The receive sockets that are real sockets ({@link #attach}) the loop reads itself,
 * as keepalived's one VRRP process does ({@link LoopSockets}): it sleeps in one wait on all of them,
 * the earliest timer and a wake-up eventfd, and each turn reads at most {@value #SOCKET_BATCH}
 * packets from each readable socket before the timers. An advert then costs one thread one
 * wake-up; a receive thread that queued it for the loop cost two, and the hand-over was half of an
 * idle backup's CPU (issue 12). Other channels (in-memory fakes) keep a thread each.
 *
 * <p>Bounded input. Two queues: control tasks ({@link #submit}: signals, stop, tracker results,
 * link events, which come from this host at a bounded rate) are never dropped; packet tasks
 * ({@link #offer}: whatever the network sends to a channel with a thread of its own, ARP sightings)
 * go to a queue of {@value #PACKET_CAPACITY} and are dropped and counted when it is full, so a flood
 * costs a bounded amount of heap. Each turn runs the control tasks, what the sockets hold (at most
 * {@value #SOCKET_BATCH} packets each), at most {@value #BATCH} queued packets, then the due timers:
 * a flood cannot make an advert late by more than one batch.
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
    /** Packets read from one socket per turn, at most: a flood on one socket still yields to the timers. */
    static final int SOCKET_BATCH = BATCH / 4;

    private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
    private final ArrayBlockingQueue<Runnable> packets = new ArrayBlockingQueue<>(PACKET_CAPACITY);
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
    private final LoopSockets sockets = new LoopSockets();

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

    /** The nice value a receive thread (of an in-memory channel) takes too. */
    OptionalInt nice() {
        return nice;
    }

    /** The SCHED_RR priority a receive thread feeding this loop takes too. */
    OptionalInt rtPriority() {
        return rtPriority;
    }

    long now() {
        return clockMicros.getAsLong();
    }

    /**
     * From now on the loop reads {@code socket}: waits for it with its timers and reads it in its
     * turns. Before {@link #start} only.
     *
     * @throws NativeException when the loop's wait (an eventfd) cannot be made
     * @throws IllegalStateException after the start, or beyond {@link io.keepalived4j.os.ReadinessPoll#MAX_SOCKETS} sockets
     */
    void attach(LoopSockets.PolledSocket socket) throws NativeException {
        if (thread.isAlive()) {
            throw new IllegalStateException("attach() after start()");
        }
        sockets.attach(socket);
    }

    /**
     * The loop no longer waits on or reads {@code socket}, so it may be closed: on the loop thread
     * when the loop runs (waiting at most {@code timeout}), at once when it does not.
     *
     * @return false when a running loop did not get to it in time (a stuck loop: do not close the socket)
     */
    boolean detach(LoopSockets.PolledSocket socket, Duration timeout) {
        if (!isAlive() || isLoopThread()) {
            sockets.remove(socket);
            return true;
        }
        return call(() -> sockets.remove(socket), timeout);
    }

    /** How often each socket the loop reads was restarted after a failed read. */
    Map<String, Long> socketRestarts() {
        return sockets.restarts();
    }

    /** Starts the thread; {@code host} is started on it, after the tasks already queued. */
    void start(VrrpHost vrrpHost) {
        this.host = vrrpHost;
        control.add(() -> vrrpHost.start(now()));
        // A wake-up now, which the first turn's wait swallows: the path another thread takes to wake
        // the loop (a stop's priority-0 adverts come that way) is then linked before it is needed.
        sockets.wake();
        thread.start();
    }

    /** A control task: runs on the loop thread after the tasks already queued; never dropped. */
    void submit(Runnable task) {
        control.add(task);
        wake();
    }

    /** A packet task: false (and counted) when the packet queue is full and it was dropped. */
    boolean offer(Runnable packetTask) {
        if (!packets.offer(packetTask)) {
            droppedPackets.incrementAndGet();
            return false;
        }
        wake();
        return true;
    }

    private void wake() {
        if (parked && !sockets.wake()) {
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
                waitForWork();
                if (!running) {
                    break;
                }
                long arrived = now(); // timers armed by what the sockets hold count from here
                busySince = System.nanoTime() | 1;
                faults.inLoop();
                runControl();
                if (running) {
                    sockets.read(arrived, faults, escalation);
                }
                runPackets();
                if (running) {
                    host.fireDue(now());
                }
                busySince = 0;
            }
        } catch (Throwable t) {
            busySince = 0;
            LOG.error("VRRP loop failed: {}", t.toString(), t);
            running = false;
            escalation.giveUp("the VRRP loop failed with " + t);
        } finally {
            sockets.close();
        }
    }

    private void runControl() {
        Runnable task;
        while (running && (task = control.poll()) != null) {
            runGuarded(task);
        }
    }

    private void runPackets() {
        Runnable task;
        for (int i = 0; i < BATCH && running && (task = packets.poll()) != null; i++) {
            runGuarded(task);
        }
    }

    private void runGuarded(Runnable task) {
        handle(Runnable::run, task);
    }

    /**
     * Runs {@code handler} for one item (a packet a socket held) as a task of its own: a
     * RuntimeException is survivable (counted, rate-checked), an Error ends the loop. Loop thread only.
     */
    <T> void handle(Consumer<? super T> handler, T item) {
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

    /**
     * Sleeps until there is work, the earliest timer, or (with sockets) one is readable; with
     * sockets it always asks which are readable, without waiting when work is queued already.
     */
    private void waitForWork() throws NativeException {
        parked = true;
        try {
            boolean queued = !control.isEmpty() || !packets.isEmpty() || !running;
            long waitNanos = queued ? 0 : untilNextTimerNanos();
            if (sockets.waitsHere()) {
                sockets.await(waitNanos);
            } else if (waitNanos > 0) {
                LockSupport.parkNanos(this, waitNanos);
            }
        } finally {
            parked = false;
        }
    }

    private long untilNextTimerNanos() {
        long deadline = host.nextDeadlineMicros();
        long waitNanos = deadline != Long.MAX_VALUE ? (deadline - now()) * 1_000 : IDLE_WAIT_NANOS;
        return Math.min(waitNanos, IDLE_WAIT_NANOS);
    }

    /**
     * Stops after the tasks already queued have run; waits at most 2 s for the thread, and not at all
     * for a loop stuck in a turn (the stop released the VIPs without it; the thread is a daemon
     * thread and ends with the JVM).
     */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            sockets.close(); // never started (or ended already: idempotent)
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
