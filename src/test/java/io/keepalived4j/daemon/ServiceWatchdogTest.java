package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
