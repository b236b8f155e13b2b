package io.keepalived4j.demo;

import io.keepalived4j.demo.Timeline.Kind;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    @Test
    void printsElapsedSecondsNodeAndText() {
        StringWriter out = new StringWriter();
        new Timeline(new PrintWriter(out)).add("lb1", Kind.STATE, "MASTER");
        assertThat(out.toString()).matches("(?s)  0\\.\\d s  lb1 MASTER\\R");
    }

    @Test
    void awaitSeesOnlyEventsAfterTheMark() throws InterruptedException {
        Timeline t = new Timeline(new PrintWriter(new StringWriter()));
        t.add("lb1", Kind.VIP_ADDED, "holds 10.0.0.100");
        int mark = t.mark();
        assertThat(t.await(mark, Duration.ofMillis(50), Timeline.is("lb1", Kind.VIP_ADDED))).isEmpty();
        t.add("lb2", Kind.STATE, "MASTER");
        assertThat(t.await(mark, Duration.ZERO, Timeline.state("lb2", "MASTER"))).get()
                .satisfies(e -> assertThat(e.node()).isEqualTo("lb2"));
        assertThat(t.await(mark, Duration.ZERO, Timeline.state("lb2", "BACKUP"))).isEmpty();
    }

    @Test
    void awaitWakesUpWhenAnotherThreadAddsTheEvent() throws Exception {
        Timeline t = new Timeline(new PrintWriter(new StringWriter()));
        int mark = t.mark();
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.add("lb2", Kind.VIP_ADDED, "holds 10.0.0.100");
        });
        long start = System.nanoTime();
        assertThat(t.await(mark, Duration.ofSeconds(10), Timeline.is("lb2", Kind.VIP_ADDED))).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        later.get();
    }
}
