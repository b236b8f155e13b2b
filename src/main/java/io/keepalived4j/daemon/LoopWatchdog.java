package io.keepalived4j.daemon;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Notices a VRRP loop that stopped turning: one task that never returns (a hung call, a deadlock)
 * leaves the adverts unsent and the VIPs up while the peer takes over. Its {@link #step} looks four
 * times a second; a turn longer than {@link #STUCK_AFTER} is reported to the {@link Supervisor.Escalation},
 * with where the loop is, and the daemon stops (its stop path then releases the VIPs without the loop).
 */
final class LoopWatchdog {

    /** A turn takes milliseconds; three seconds is three adverts missed at the default interval. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(3);
    private static final long LOOK_EVERY_MILLIS = 250;

    private final VrrpLoop loop;
    private final Supervisor.Escalation escalation;
    private final Duration stuckAfter;
    private boolean reported;

    LoopWatchdog(VrrpLoop loop, Supervisor.Escalation escalation, Duration stuckAfter) {
        this.loop = loop;
        this.escalation = escalation;
        this.stuckAfter = stuckAfter;
    }

    void step() throws InterruptedException {
        Thread.sleep(LOOK_EVERY_MILLIS);
        long busy = loop.busyForNanos();
        if (!reported && busy > stuckAfter.toNanos()) {
            reported = true;
            String where = Arrays.stream(loop.stackTrace()).limit(8).map(StackTraceElement::toString)
                    .collect(Collectors.joining(" < "));
            escalation.giveUp("the VRRP loop has been stuck for " + busy / 1_000_000 + " ms in one turn (at " + where + ")");
        }
    }
}
