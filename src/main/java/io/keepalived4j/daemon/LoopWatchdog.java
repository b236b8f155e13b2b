package io.keepalived4j.daemon;

import java.time.Duration;
import java.util.Arrays;
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
 * any real turn (milliseconds), so a GC pause never looks like a stuck loop. It looks five times
 * per limit.
 */
final class LoopWatchdog {

    /** A turn takes milliseconds; the smallest limit, for instances faster than 0.125 s. */
    static final Duration MIN_STUCK_AFTER = Duration.ofMillis(250);
    /** The limit at keepalived's default advert_int of 1 s. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(2);

    private final VrrpLoop loop;
    private final Supervisor.Escalation escalation;
    private final Duration stuckAfter;
    private final long lookEveryMillis;
    private boolean reported;

    LoopWatchdog(VrrpLoop loop, Supervisor.Escalation escalation, Duration stuckAfter) {
        this.loop = loop;
        this.escalation = escalation;
        this.stuckAfter = stuckAfter;
        this.lookEveryMillis = Math.max(10, stuckAfter.toMillis() / 5);
    }

    /** Two intervals of the fastest instance (centiseconds), at least {@link #MIN_STUCK_AFTER}. */
    static Duration limitFor(int fastestAdvertCentis) {
        Duration two = Duration.ofMillis(fastestAdvertCentis * 10L * 2);
        return two.compareTo(MIN_STUCK_AFTER) < 0 ? MIN_STUCK_AFTER : two;
    }

    Duration stuckAfter() {
        return stuckAfter;
    }

    /** Whether the loop is in a turn longer than the limit now. */
    boolean stuck() {
        return loop.busyForNanos() > stuckAfter.toNanos();
    }

    void step() throws InterruptedException {
        Thread.sleep(lookEveryMillis);
        long busy = loop.busyForNanos();
        if (!reported && busy > stuckAfter.toNanos()) {
            reported = true;
            String where = Arrays.stream(loop.stackTrace()).limit(8).map(StackTraceElement::toString)
                    .collect(Collectors.joining(" < "));
            escalation.giveUp("the VRRP loop has been stuck for " + busy / 1_000_000 + " ms in one turn (at " + where + ")");
        }
    }
}
