package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The VRRP loop's bounded input, its failure handling and the signal of a stuck turn. */
class VrrpLoopTest {

    private static VrrpHost emptyHost() {
        return new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { });
    }

    /** Starts the loop with a first task that holds it until the returned latch is counted down. */
    private static CountDownLatch startBlocked(VrrpLoop loop) throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.submit(() -> {
            blocked.countDown();
            await(release);
        });
        loop.start(emptyHost());
        assertThat(blocked.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void packetsBeyondTheQueueAreDroppedAndCountedButControlTasksNeverAre() throws Exception {
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            CountDownLatch release = startBlocked(loop);
            AtomicInteger packets = new AtomicInteger();
            AtomicInteger control = new AtomicInteger();
            int offered = VrrpLoop.PACKET_CAPACITY + 1_000;
            int accepted = 0;
            for (int i = 0; i < offered; i++) {
                accepted += loop.offer(packets::incrementAndGet) ? 1 : 0;
                loop.submit(control::incrementAndGet);
            }
            assertThat(accepted).isEqualTo(VrrpLoop.PACKET_CAPACITY);
            assertThat(loop.droppedPackets()).isEqualTo(1_000);
            release.countDown();
            assertThat(loop.call(() -> { }, Duration.ofSeconds(5))).isTrue();
            InProcessNode.await(() -> packets.get() == VrrpLoop.PACKET_CAPACITY, Duration.ofSeconds(5), "queued packets ran");
            assertThat(control.get()).isEqualTo(offered);
        }
    }

    @Test
    void aFailingTaskIsCountedAndTheLoopGoesOnButAnErrorEndsItAndEscalates() throws Exception {
        AtomicReference<String> escalated = new AtomicReference<>();
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.onFailure(escalated::set, FaultHooks.NONE);
            loop.start(emptyHost());
            loop.submit(() -> {
                throw new IllegalStateException("one bad packet");
            });
            assertThat(loop.call(() -> { }, Duration.ofSeconds(5))).as("still running").isTrue();
            assertThat(loop.failedTasks()).isEqualTo(1);
            assertThat(escalated.get()).isNull();

            loop.submit(() -> {
                throw new OutOfMemoryError("injected");
            });
            InProcessNode.await(() -> escalated.get() != null, Duration.ofSeconds(5), "escalation");
            assertThat(escalated.get()).contains("the VRRP loop failed", "OutOfMemoryError");
            InProcessNode.await(() -> !loop.isAlive(), Duration.ofSeconds(5), "loop ended");
            assertThat(loop.call(() -> { }, Duration.ofMillis(100))).as("a dead loop runs nothing").isFalse();
        }
    }

    @Test
    void tooManyFailingTasksInAMinuteEndTheLoop() throws Exception {
        AtomicReference<String> escalated = new AtomicReference<>();
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.onFailure(escalated::set, FaultHooks.NONE);
            loop.start(emptyHost());
            for (int i = 0; i <= VrrpLoop.MAX_TASK_FAILURES; i++) {
                loop.submit(() -> {
                    throw new IllegalStateException("bug");
                });
            }
            InProcessNode.await(() -> escalated.get() != null, Duration.ofSeconds(5), "escalation");
            assertThat(escalated.get()).contains(VrrpLoop.MAX_TASK_FAILURES + 1 + " loop tasks failed within 60 s");
        }
    }

    @Test
    void aTurnThatNeverEndsShowsInBusyFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.start(emptyHost());
            assertThat(loop.call(() -> { }, Duration.ofSeconds(5))).isTrue();
            Thread.sleep(50);
            assertThat(loop.busyForNanos()).as("idle").isZero();
            loop.submit(() -> await(release));
            Thread.sleep(300);
            assertThat(loop.busyForNanos()).isGreaterThan(Duration.ofMillis(200).toNanos());
            AtomicReference<String> escalated = new AtomicReference<>();
            LoopWatchdog watchdog = LoopWatchdogTest.withoutGrace(loop, escalated::set, Duration.ofMillis(200));
            watchdog.step();
            assertThat(escalated.get()).contains("stuck", "VrrpLoopTest");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLongTurnThatKeepsProgressingIsNotStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> escalated = new AtomicReference<>();
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.start(emptyHost());
            // 100 instance actions of 5 ms each in one turn: 500 ms in all, each well within the limit.
            loop.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    long end = System.nanoTime() + 5_000_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    loop.progressed();
                }
                await(release);
            });
            LoopWatchdog watchdog = LoopWatchdogTest.withoutGrace(loop, escalated::set, Duration.ofMillis(200));
            long looking = System.nanoTime();
            int looks = 0;
            while (System.nanoTime() - looking < 400_000_000L) {
                watchdog.step(); // each look finds the turn's last progress at most 5 ms old
                looks++;
            }
            assertThat(looks).isGreaterThanOrEqualTo(2);
            assertThat(escalated.get()).as("a turn that progresses is not stuck").isNull();
            Thread.sleep(300); // then it hangs: no progress
            watchdog.step();
            assertThat(escalated.get()).contains("stuck");
        } finally {
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
