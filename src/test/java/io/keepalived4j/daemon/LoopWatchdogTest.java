package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's limits: two advert intervals, at least 250 ms; and the bounded start-up grace
 * (at least {@link LoopWatchdog#START_LIMIT} for {@link LoopWatchdog#START_GRACE}), during which a
 * warming-up JVM's slow first actions are not a stuck loop but a loop that hangs is still reported.
 */
class LoopWatchdogTest {

    private static final long MS = 1_000_000L;

    /** A watchdog with no start-up grace, for tests of the steady-state limit. */
    static LoopWatchdog withoutGrace(VrrpLoop loop, Supervisor.Escalation escalation, Duration stuckAfter) {
        return new LoopWatchdog(loop, escalation, stuckAfter, Duration.ZERO, Duration.ZERO, System::nanoTime);
    }

    @Test
    void theLimitIsTwoAdvertIntervalsButAtLeast250Ms() {
        assertThat(LoopWatchdog.limitFor(10)).isEqualTo(Duration.ofMillis(250));
        assertThat(LoopWatchdog.limitFor(12)).isEqualTo(Duration.ofMillis(250));
        assertThat(LoopWatchdog.limitFor(13)).isEqualTo(Duration.ofMillis(260));
        assertThat(LoopWatchdog.limitFor(100)).isEqualTo(LoopWatchdog.STUCK_AFTER);
    }

    @Test
    void theStartLimitHoldsForTheGraceThenTheNormalLimit() {
        AtomicLong now = new AtomicLong(5_000 * MS);
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            LoopWatchdog w = new LoopWatchdog(loop, reason -> { }, LoopWatchdog.limitFor(10), LoopWatchdog.START_LIMIT,
                    LoopWatchdog.START_GRACE, now::get);
            long made = now.get();
            assertThat(w.limitNanosAt(made)).isEqualTo(LoopWatchdog.START_LIMIT.toNanos());
            assertThat(w.limitNanosAt(made + LoopWatchdog.START_GRACE.toNanos() - 1)).isEqualTo(LoopWatchdog.START_LIMIT.toNanos());
            assertThat(w.limitNanosAt(made + LoopWatchdog.START_GRACE.toNanos())).isEqualTo(250 * MS);
            assertThat(w.limitNanosAt(made + 3_600_000 * MS)).isEqualTo(250 * MS);
        }
    }

    @Test
    void theGraceNeverLowersALimitAboveIt() {
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            LoopWatchdog w = new LoopWatchdog(loop, reason -> { }, LoopWatchdog.limitFor(100), LoopWatchdog.START_LIMIT,
                    LoopWatchdog.START_GRACE, () -> 0L);
            assertThat(w.limitNanosAt(0)).isEqualTo(LoopWatchdog.STUCK_AFTER.toNanos());
            assertThat(w.limitNanosAt(LoopWatchdog.START_GRACE.toNanos())).isEqualTo(LoopWatchdog.STUCK_AFTER.toNanos());
        }
    }

    @Test
    void theGraceIsBelowTheBoundTheFaultInjectionTestPins() {
        // DaemonFaultInjectionTest: a loop hung right after start is stopped within 2 s, release included.
        assertThat(LoopWatchdog.START_LIMIT).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(LoopWatchdog.START_LIMIT).isGreaterThan(LoopWatchdog.MIN_STUCK_AFTER);
    }

    @Test
    void itLooksOncePerLimitWhileTheLoopWaitsAndJustPastTheLimitOfARunningTurn() {
        AtomicLong now = new AtomicLong(1_000 * MS);
        LoopWatchdog w = new LoopWatchdog(null, reason -> { }, Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(10), now::get);
        now.addAndGet(Duration.ofSeconds(10).toNanos()); // after the grace
        assertThat(w.nextLookInNanos(0, now.get())).as("idle").isEqualTo(250 * MS);
        assertThat(w.nextLookInNanos(50 * MS, now.get())).as("a turn 50 ms old").isEqualTo(201 * MS);
        assertThat(w.nextLookInNanos(249 * MS, now.get())).isEqualTo(2 * MS);
        assertThat(w.nextLookInNanos(400 * MS, now.get())).as("already over: at once, but not a spin").isEqualTo(MS);

        LoopWatchdog inGrace = new LoopWatchdog(null, reason -> { }, Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(10), now::get);
        assertThat(inGrace.nextLookInNanos(0, now.get())).as("idle in the grace: the normal rate").isEqualTo(250 * MS);
        assertThat(inGrace.nextLookInNanos(100 * MS, now.get())).as("never longer than the normal limit").isEqualTo(250 * MS);
        assertThat(inGrace.nextLookInNanos(900 * MS, now.get())).isEqualTo(101 * MS);
    }

    @Test
    void aTurnThatHangsIsSeenAtTheLimitWithFourLooksASecondWhileIdle() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> escalated = new AtomicReference<>();
        try (VrrpLoop loop = runningLoop()) {
            LoopWatchdog w = withoutGrace(loop, escalated::set, Duration.ofMillis(250));
            long idleFrom = System.nanoTime();
            int looks = 0;
            while (System.nanoTime() - idleFrom < 1_000 * MS) {
                w.step();
                looks++;
            }
            assertThat(looks).as("looks in an idle second").isBetween(4, 5);

            w.step(); // a look just before the turn starts: the worst case for how soon it is seen
            long tookMillis = hangAndTimeTheReport(loop, w, release, escalated);
            assertThat(tookMillis).as("seen at the limit, not a look period later").isBetween(250L, 450L);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSlowFirstActionDuringTheGraceIsNotStuckButTheSameTurnAfterItIs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong now = new AtomicLong(1_000 * MS);
        AtomicReference<String> escalated = new AtomicReference<>();
        try (VrrpLoop loop = runningLoop()) {
            LoopWatchdog w = new LoopWatchdog(loop, escalated::set, Duration.ofMillis(100), Duration.ofSeconds(30),
                    Duration.ofSeconds(10), now::get);
            loop.submit(() -> await(release));
            Thread.sleep(300); // three times the normal limit, a tenth of the start limit
            w.step();
            assertThat(w.stuck()).isFalse();
            assertThat(escalated.get()).as("within the start limit during the grace").isNull();

            now.addAndGet(Duration.ofSeconds(10).toNanos()); // the grace is over
            assertThat(w.stuck()).isTrue();
            w.step();
            assertThat(escalated.get()).contains("stuck", "LoopWatchdogTest");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLoopHungDuringTheGraceIsReportedOnceTheStartLimitIsPassed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> escalated = new AtomicReference<>();
        try (VrrpLoop loop = runningLoop()) {
            LoopWatchdog w = new LoopWatchdog(loop, escalated::set, Duration.ofMillis(100), Duration.ofMillis(400),
                    Duration.ofSeconds(60), System::nanoTime);
            long tookMillis = hangAndTimeTheReport(loop, w, release, escalated);
            assertThat(tookMillis).as("the start limit, not the normal one, and not the end of the grace")
                    .isBetween(400L, 2_000L);
        } finally {
            release.countDown();
        }
    }

    /** Hangs the loop in a task until {@code release}; steps the watchdog until it reports: how long that took. */
    private static long hangAndTimeTheReport(VrrpLoop loop, LoopWatchdog w, CountDownLatch release,
                                             AtomicReference<String> escalated) throws InterruptedException {
        long hungAt = System.nanoTime();
        loop.submit(() -> await(release));
        while (escalated.get() == null && System.nanoTime() - hungAt < 5_000 * MS) {
            w.step();
        }
        long tookMillis = (System.nanoTime() - hungAt) / MS;
        assertThat(escalated.get()).contains("stuck");
        return tookMillis;
    }

    /** A loop of no instances, running and waiting for work. */
    private static VrrpLoop runningLoop() {
        VrrpLoop loop = VrrpLoop.withSystemClock();
        loop.start(emptyHost());
        assertThat(loop.call(() -> { }, Duration.ofSeconds(5))).isTrue();
        return loop;
    }

    private static VrrpHost emptyHost() {
        return new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
