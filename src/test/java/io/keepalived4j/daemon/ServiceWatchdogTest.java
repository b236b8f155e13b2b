package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import io.keepalived4j.os.NotifySocket;
import io.keepalived4j.testsupport.FakeNotifySocket;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog pings only through the watched thread, and never piles up behind a stuck one. */
class ServiceWatchdogTest {

    private final Deque<Runnable> loop = new ArrayDeque<>();
    private int pings;
    private final ServiceNotifier notifier = new ServiceNotifier() {
        @Override
        public void ready(String status) {
        }

        @Override
        public void reloading() {
        }

        @Override
        public void stopping() {
        }

        @Override
        public void watchdog() {
            pings++;
        }

        @Override
        public Optional<Duration> watchdogInterval() {
            return Optional.of(Duration.ofSeconds(10));
        }
    };

    @TempDir
    Path dir;

    @Test
    void aRealLoopThatHangsFallsSilentAndSpeaksAgainWhenItTurns() throws Exception {
        try (FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"));
             SystemdNotifier systemd = new SystemdNotifier(NotifySocket.open(manager.path().toString()),
                     Optional.of(Duration.ofMillis(100)));
             VrrpLoop vrrp = VrrpLoop.withSystemClock()) {
            vrrp.start(new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { }));
            Supervisor supervisor = new Supervisor(reason -> { });
            supervisor.start("k4j-sd-watchdog", Thread.NORM_PRIORITY,
                    new ServiceWatchdog(vrrp::submit, systemd, Duration.ofMillis(100))::step);
            try {
                manager.await("WATCHDOG=1", Duration.ofSeconds(2));
                manager.await("WATCHDOG=1", Duration.ofSeconds(2));
                CountDownLatch release = new CountDownLatch(1);
                CountDownLatch hung = new CountDownLatch(1);
                vrrp.submit(() -> {
                    hung.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                assertThat(hung.await(2, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                Thread.sleep(100);   // a ping queued just before the hang may still be in flight
                int before = manager.messages().size();
                Thread.sleep(500);   // ten ping periods
                assertThat(manager.messages()).hasSize(before);
                release.countDown();
                manager.await("WATCHDOG=1", Duration.ofSeconds(2));
            } finally {
                supervisor.close();
            }
        }
    }

    @Test
    void pingsAtHalfTheServiceManagersInterval() {
        assertThat(new ServiceWatchdog(loop::add, notifier, Duration.ofSeconds(10)).everyMillis()).isEqualTo(5_000);
    }

    @Test
    void aPingIsSentOnlyWhenTheWatchedThreadRunsIt() {
        ServiceWatchdog w = new ServiceWatchdog(loop::add, notifier, Duration.ofSeconds(10));
        w.ping();
        assertThat(pings).isZero();
        loop.poll().run();
        assertThat(pings).isEqualTo(1);
    }

    @Test
    void aStuckLoopGetsNoSecondPingQueuedSoTheManagerSeesTheSilence() {
        ServiceWatchdog w = new ServiceWatchdog(loop::add, notifier, Duration.ofSeconds(10));
        w.ping();
        w.ping();
        w.ping();
        assertThat(loop).hasSize(1);
        assertThat(pings).isZero();
        // The loop turns again: its one ping goes, and the next period queues a fresh one.
        loop.poll().run();
        w.ping();
        assertThat(loop).hasSize(1);
        assertThat(pings).isEqualTo(1);
    }
}
