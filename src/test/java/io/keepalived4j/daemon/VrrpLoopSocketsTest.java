package io.keepalived4j.daemon;

import io.keepalived4j.os.Libc;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sockets the VRRP loop reads itself, on real descriptors (eventfds stand in for sockets: poll
 * sees them readable once written): read in the loop's turn as soon as they are readable, a read
 * that fails restarted as the Supervisor restarts a thread, a bad packet a failed task only, and
 * nothing read after a detach.
 */
class VrrpLoopSocketsTest {

    /** An eventfd as a socket: {@link #arrive} makes it readable, a read takes what arrived. */
    private static final class FakeSocket implements LoopSockets.PolledSocket, AutoCloseable {
        final String name;
        final int fd;
        final Arena arena = Arena.ofShared();
        final MemorySegment word = arena.allocate(8, 8);
        final MemorySegment state = Libc.newCallState(arena);
        final List<Thread> readers = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger failNext = new AtomicInteger();
        volatile long lastMax;

        FakeSocket(String name) throws Throwable {
            this.name = name;
            this.fd = (int) Libc.EVENTFD.invokeExact(state, 0, Libc.EFD_NONBLOCK);
            assertThat(fd).isPositive();
        }

        void arrive() throws Throwable {
            word.set(JAVA_LONG, 0, 1L);
            long n = (long) Libc.WRITE.invokeExact(state, fd, word, 8L);
            assertThat(n).isEqualTo(8);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int fd() {
            return fd;
        }

        @Override
        public void readQueued(int max, long arrived) throws Exception {
            readers.add(Thread.currentThread());
            lastMax = max;
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new java.io.IOException("injected read failure on " + name);
            }
            try {
                long ignored = (long) Libc.READ.invokeExact(state, fd, word, 8L);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            reads.incrementAndGet();
        }

        @Override
        public void close() throws Exception {
            try {
                int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            arena.close();
        }
    }

    private static VrrpHost emptyHost() {
        return new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { });
    }

    @Test
    void aReadableSocketIsReadOnTheLoopThreadAtOnceAndASubmitWakesTheWaitToo() throws Throwable {
        try (FakeSocket s = new FakeSocket("k4j-rx-test-v4"); VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.attach(s);
            loop.start(emptyHost());
            Thread loopThread = onLoopThread(loop);
            for (int i = 1; i <= 3; i++) {
                Thread.sleep(50); // the loop waits (idle: up to a second) on the socket
                long at = System.nanoTime();
                s.arrive();
                int expected = i;
                InProcessNode.await(() -> s.reads.get() == expected, Duration.ofSeconds(2), "read " + i);
                assertThat(Duration.ofNanos(System.nanoTime() - at)).as("woken by the socket, not a timeout")
                        .isLessThan(Duration.ofMillis(300));
            }
            assertThat(s.readers).containsOnly(loopThread);
            assertThat(s.lastMax).isEqualTo(VrrpLoop.SOCKET_BATCH);

            Thread.sleep(50);
            long at = System.nanoTime();
            assertThat(loop.call(() -> { }, Duration.ofSeconds(2))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - at)).as("a control task wakes the wait")
                    .isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void aFailedReadIsRestartedAfterTheBackoffWhileTheOtherSocketIsStillReadAndTooManyStopTheDaemon() throws Throwable {
        AtomicReference<String> escalated = new AtomicReference<>();
        try (FakeSocket bad = new FakeSocket("k4j-rx-bad-v4"); FakeSocket good = new FakeSocket("k4j-rx-good-v4");
             VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.onFailure(escalated::set, FaultHooks.NONE);
            loop.attach(bad);
            loop.attach(good);
            loop.start(emptyHost());
            bad.failNext.set(1);
            long failedAt = System.nanoTime();
            bad.arrive();
            InProcessNode.await(() -> loop.socketRestarts().get("k4j-rx-bad-v4") == 1, Duration.ofSeconds(2), "a restart");
            good.arrive();
            InProcessNode.await(() -> good.reads.get() == 1, Duration.ofSeconds(2), "the other socket read meanwhile");
            InProcessNode.await(() -> bad.reads.get() == 1, Duration.ofSeconds(2), "read again after the backoff");
            assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).as("not before the first backoff")
                    .isGreaterThanOrEqualTo(Supervisor.FIRST_BACKOFF);
            assertThat(escalated.get()).isNull();
            assertThat(loop.isAlive()).isTrue();

            bad.failNext.set(Integer.MAX_VALUE);
            long failingFrom = System.nanoTime();
            bad.arrive();
            // the second to the sixth failure within the minute: 100 + 200 + 400 + 800 ms of backoff
            // between them (the first failure's backoff was reset by the read that worked)
            InProcessNode.await(() -> escalated.get() != null, Duration.ofSeconds(10), "given up");
            assertThat(Duration.ofNanos(System.nanoTime() - failingFrom)).as("the backoff doubles")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
            assertThat(loop.socketRestarts()).containsEntry("k4j-rx-bad-v4", 5L);
            assertThat(escalated.get()).isEqualTo("k4j-rx-bad-v4 failed 6 times within 60 s, last: "
                    + "java.io.IOException: injected read failure on k4j-rx-bad-v4");
            good.arrive();
            InProcessNode.await(() -> good.reads.get() == 2, Duration.ofSeconds(2), "the loop still reads the others");
        }
    }

    @Test
    void aPacketWhoseHandlerThrowsIsAFailedTaskNotAFailedSocket() throws Throwable {
        try (FakeSocket s = new FakeSocket("k4j-rx-test-v4"); VrrpLoop loop = VrrpLoop.withSystemClock()) {
            List<String> handled = new CopyOnWriteArrayList<>();
            LoopSockets.PolledSocket packets = new LoopSockets.PolledSocket() {
                @Override
                public String name() {
                    return s.name();
                }

                @Override
                public int fd() {
                    return s.fd();
                }

                @Override
                public void readQueued(int max, long arrived) throws Exception {
                    s.readQueued(max, arrived);
                    for (String p : List.of("first", "bad", "third")) {
                        loop.handle(packet -> {
                            if (packet.equals("bad")) {
                                throw new IllegalStateException("a handler bug");
                            }
                            handled.add(packet);
                        }, p);
                    }
                }
            };
            loop.attach(packets);
            loop.start(emptyHost());
            s.arrive();
            InProcessNode.await(() -> handled.size() == 2, Duration.ofSeconds(2), "both good packets");
            assertThat(handled).containsExactly("first", "third");
            assertThat(loop.failedTasks()).isEqualTo(1);
            assertThat(loop.socketRestarts()).containsEntry("k4j-rx-test-v4", 0L);
        }
    }

    @Test
    void aDetachedSocketIsNeverReadAgainAndADetachOfAStoppedLoopIsImmediate() throws Throwable {
        try (FakeSocket s = new FakeSocket("k4j-rx-test-v4"); FakeSocket other = new FakeSocket("k4j-rx-other-v4")) {
            VrrpLoop loop = VrrpLoop.withSystemClock();
            try {
                loop.attach(s);
                loop.attach(other);
                loop.start(emptyHost());
                s.arrive();
                InProcessNode.await(() -> s.reads.get() == 1, Duration.ofSeconds(2), "read while attached");
                assertThat(loop.detach(s, Duration.ofSeconds(2))).isTrue();
                s.arrive();
                other.arrive();
                InProcessNode.await(() -> other.reads.get() == 1, Duration.ofSeconds(2), "the loop goes on");
                Thread.sleep(100);
                assertThat(s.reads.get()).as("not read after the detach").isEqualTo(1);
            } finally {
                loop.close();
            }
            long at = System.nanoTime();
            assertThat(loop.detach(other, Duration.ofSeconds(2))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - at)).isLessThan(Duration.ofMillis(100));
        }
    }

    private static Thread onLoopThread(VrrpLoop loop) {
        AtomicReference<Thread> t = new AtomicReference<>();
        assertThat(loop.call(() -> t.set(Thread.currentThread()), Duration.ofSeconds(2))).isTrue();
        return t.get();
    }
}
