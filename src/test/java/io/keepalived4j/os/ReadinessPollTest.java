package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The VRRP loop's wait, on eventfds standing in for sockets: which is readable, a wake-up, a timeout finer than a millisecond. */
class ReadinessPollTest {

    @Test
    void itTellsWhichDescriptorIsReadableAndAWakeUpEndsTheWaitAtOnce() throws Exception {
        try (ReadinessPoll poll = ReadinessPoll.open()) {
            int a = Sockets.eventFd();
            int b = Sockets.eventFd();
            try {
                int[] fds = {a, b};
                assertThat(poll.await(fds, 2, 0)).as("nothing yet").isFalse();
                assertThat(poll.readable(0)).isFalse();
                assertThat(poll.readable(1)).isFalse();

                Sockets.wake(b);
                long start = System.nanoTime();
                assertThat(poll.await(fds, 2, Duration.ofSeconds(5).toNanos())).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
                assertThat(poll.readable(0)).isFalse();
                assertThat(poll.readable(1)).isTrue();
                assertThat(poll.readable(2)).as("beyond what was watched").isFalse();

                Thread waker = Thread.ofPlatform().start(() -> {
                    sleep(100);
                    poll.wake();
                });
                start = System.nanoTime();
                assertThat(poll.await(new int[] {a}, 1, Duration.ofSeconds(5).toNanos())).as("woken").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(90), Duration.ofSeconds(1));
                waker.join();
                assertThat(poll.await(new int[] {a}, 1, 0)).as("a wake-up counts once").isFalse();
            } finally {
                Sockets.close(a);
                Sockets.close(b);
            }
        }
    }

    @Test
    void aTimeoutIsKeptToTheMicrosecondNotRoundedToAMillisecond() throws Exception {
        try (ReadinessPoll poll = ReadinessPoll.open()) {
            long shortest = Long.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                poll.await(new int[0], 0, 300_000); // 0.3 ms
                long took = System.nanoTime() - start;
                assertThat(took).isGreaterThanOrEqualTo(300_000);
                shortest = Math.min(shortest, took);
            }
            assertThat(shortest).as("poll(2) would wait a whole millisecond").isLessThan(1_000_000);
        }
    }

    @Test
    void moreSocketsThanItWatchesAreRefusedAndAClosedPollIgnoresAWakeUp() throws Exception {
        ReadinessPoll poll = ReadinessPoll.open();
        assertThatThrownBy(() -> poll.await(new int[ReadinessPoll.MAX_SOCKETS + 1], ReadinessPoll.MAX_SOCKETS + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        poll.close();
        poll.wake();
        poll.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
