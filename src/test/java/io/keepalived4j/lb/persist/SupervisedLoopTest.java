package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisedLoopTest {

    @Test
    void aFailingStepIsRunAgainAfterABackoff() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(1);
        List<String> gaveUp = new CopyOnWriteArrayList<>();
        SupervisedLoop loop = SupervisedLoop.start("test-loop", () -> {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("boom " + runs.get());
            }
            third.countDown();
            Thread.sleep(10);
        }, gaveUp::add);
        try {
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(loop.restarts()).isEqualTo(2);
            assertThat(gaveUp).isEmpty();
        } finally {
            loop.requestStop();
            assertThat(loop.join(Duration.ofSeconds(2))).isTrue();
        }
    }

    @Test
    void aChannelClosedUnderTheLoopEndsItAndTellsTheOwner() throws Exception {
        List<String> gaveUp = new CopyOnWriteArrayList<>();
        SupervisedLoop loop = SupervisedLoop.start("test-loop", () -> {
            throw new ClosedChannelException();
        }, gaveUp::add);
        assertThat(loop.join(Duration.ofSeconds(5))).isTrue();
        assertThat(gaveUp).singleElement().asString().contains("test-loop");
    }

    @Test
    void aStopEndsTheLoopQuietly() {
        List<String> gaveUp = new CopyOnWriteArrayList<>();
        SupervisedLoop loop = SupervisedLoop.start("test-loop", () -> Thread.sleep(60_000), gaveUp::add);
        loop.requestStop();
        assertThat(loop.join(Duration.ofSeconds(2))).isTrue();
        assertThat(gaveUp).isEmpty();
    }
}
