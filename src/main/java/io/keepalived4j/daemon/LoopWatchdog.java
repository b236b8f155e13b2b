package io.keepalived4j.daemon;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Notices a VRRP loop that stopped turning: one task that never returns (a hung call, a deadlock)
 * leaves the adverts unsent and the VIPs up while the peer takes over. A turn longer than the
 * limit is reported to the {@link Supervisor.Escalation}, with where the loop is, and the daemon
 * stops (its stop path then releases the VIPs without the loop).
 *
 * <p>The limit is two advert intervals of the fastest instance, but at least 250 ms: below
 * Master_Down_Interval (three intervals and Skew_Time), so the master gives up and says so
 * (priority 0) before the backup would take over on its own, and never two holders; and far above
 * any real turn (milliseconds), so a GC pause never looks like a stuck loop.
 *
 * <p>When it looks. Not at a fixed rate (five looks per limit were a fifth of a backup node's CPU at
 * advert_int 0.1, issue 12): while the loop waits for work it looks once per limit, and while a turn
 * runs it sleeps until that turn would pass the limit. A turn that starts just after a look and
 * never returns is seen at the limit and a millisecond, with four looks a second at the smallest
 * limit.
 *
 * <p>Start-up grace. For the first {@link #START_GRACE} after it is made (just before the loop
 * starts) the limit is at least {@link #START_LIMIT}: the JVM is still warming up then, and the
 * first instance actions (the first state change, VIP add, advert and gratuitous ARP of a start
 * where every master-down timer fires together) load classes, link native calls and run
 * interpreted while the JIT compilers, the GC, a starting peer and whatever else the host runs
 * compete for the CPU and the disk. On a 2-core host busy with builds one such action took 267 ms
 * (the watchdog found the loop in the console log's write) and a BACKUP stopped itself at start
 * (benchmarks/vrrp-efficiency, issue 12); idle, the same first actions take 2 to 18 ms. The grace
 * is bounded: a loop stuck during it is still reported after {@link #START_LIMIT} (well inside the
 * 2 s the fault-injection test pins), and after it the limit is the normal one. The cost: in the
 * first seconds of a daemon at advert_int 0.1 a stuck master is noticed after 1 s instead of 250 ms,
 * so its peer, which takes over after Master_Down_Interval (0.36 s), may hold the VIPs too for about
 * 0.7 s before the stuck master releases them.
 */
final class LoopWatchdog {

    /** A turn takes milliseconds; the smallest limit, for instances faster than 0.125 s. */
    static final Duration MIN_STUCK_AFTER = Duration.ofMillis(250);
    /** The limit at keepalived's default advert_int of 1 s. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(2);
    /** The smallest limit during the start-up grace: about four times the slowest warm-up action seen (267 ms). */
    static final Duration START_LIMIT = Duration.ofSeconds(1);
    /** How long after the watchdog is made (the loop's start) {@link #START_LIMIT} applies. */
    static final Duration START_GRACE = Duration.ofSeconds(10);

    /** A look lands this much after the instant a turn passes the limit (the check is "longer than"). */
    private static final long LOOK_MARGIN_NANOS = 1_000_000L;

    private final VrrpLoop loop;
    private final Supervisor.Escalation escalation;
    private final Duration stuckAfter;
    private final long startLimitNanos;
    private final long graceEndsNanos;
    private final LongSupplier nanoClock;
    private boolean reported;

    /** The daemon's watchdog: {@code stuckAfter}, with the start-up grace from now. */
    LoopWatchdog(VrrpLoop loop, Supervisor.Escalation escalation, Duration stuckAfter) {
        this(loop, escalation, stuckAfter, START_LIMIT, START_GRACE, System::nanoTime);
    }

    /**
     * @param startLimit the smallest limit for the first {@code startGrace} from now (ZERO: no grace)
     * @param nanoClock  monotonic nanoseconds, the clock {@link VrrpLoop#busyForNanos()} reads
     */
    LoopWatchdog(VrrpLoop loop, Supervisor.Escalation escalation, Duration stuckAfter, Duration startLimit,
                 Duration startGrace, LongSupplier nanoClock) {
        this.loop = loop;
        this.escalation = escalation;
        this.stuckAfter = stuckAfter;
        this.startLimitNanos = startLimit.toNanos();
        this.nanoClock = nanoClock;
        this.graceEndsNanos = nanoClock.getAsLong() + startGrace.toNanos();
    }

    /**
     * How long to sleep before the next look: the normal limit while the loop waits ({@code busy} 0:
     * a turn starting now passes the limit no sooner), until just past the limit while a turn runs.
     */
    long nextLookInNanos(long busyNanos, long nowNanos) {
        long normal = stuckAfter.toNanos();
        long untilOver = busyNanos == 0 ? normal : limitNanosAt(nowNanos) - busyNanos + LOOK_MARGIN_NANOS;
        return Math.max(LOOK_MARGIN_NANOS, Math.min(normal, untilOver));
    }

    /** Two intervals of the fastest instance (centiseconds), at least {@link #MIN_STUCK_AFTER}. */
    static Duration limitFor(int fastestAdvertCentis) {
        Duration two = Duration.ofMillis(fastestAdvertCentis * 10L * 2);
        return two.compareTo(MIN_STUCK_AFTER) < 0 ? MIN_STUCK_AFTER : two;
    }

    Duration stuckAfter() {
        return stuckAfter;
    }

    /** The limit in force at {@code nowNanos}: {@link #stuckAfter()}, raised to the start limit during the grace. */
    long limitNanosAt(long nowNanos) {
        long limit = stuckAfter.toNanos();
        return nowNanos - graceEndsNanos < 0 ? Math.max(limit, startLimitNanos) : limit;
    }

    /** Whether the loop is in a turn longer than the limit now. */
    boolean stuck() {
        return loop.busyForNanos() > limitNanosAt(nanoClock.getAsLong());
    }

    void step() throws InterruptedException {
        // Once it has reported, the daemon is stopping: a look per limit, not one per millisecond.
        Thread.sleep(Duration.ofNanos(reported ? stuckAfter.toNanos() : nextLookInNanos(loop.busyForNanos(), nanoClock.getAsLong())));
        long busy = loop.busyForNanos();
        if (!reported && busy > limitNanosAt(nanoClock.getAsLong())) {
            reported = true;
            String where = Arrays.stream(loop.stackTrace()).limit(8).map(StackTraceElement::toString)
                    .collect(Collectors.joining(" < "));
            escalation.giveUp("the VRRP loop has been stuck for " + busy / 1_000_000 + " ms in one turn (at " + where + ")");
        }
    }
}
