package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.JavaChild;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SIGTERM and SIGINT would kill surefire's JVM, so these go to a child JVM ({@link SignalProbe}). */
class SignalHandlersStopTest {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void sigtermStopsAtOnceOnTheSignalsOwnThreadAndExitsZero() {
        try (JavaChild child = JavaChild.start(List.of(), SignalProbe.class)) {
            child.awaitLine("READY", START);
            child.signal("TERM");

            child.awaitLine("STOPPING", WAIT);
            child.awaitLine("ON SIGTERM handler", WAIT);
            assertThat(child.waitFor(WAIT)).isZero();
            assertThat(child.output()).endsWith("STOPPED");
        }
    }

    @Test
    void aStopDoesNotWaitForTheExecutorEvenWhenItRefusesWork() {
        try (JavaChild child = JavaChild.start(List.of(), SignalProbe.class, "busy")) {
            child.awaitLine("READY", START);
            child.signal("HUP");
            awaitOutput(child, "SIGHUP not handled");
            child.signal("TERM");

            child.awaitLine("STOPPING", WAIT);
            child.awaitLine("ON SIGTERM handler", WAIT);
            assertThat(child.waitFor(WAIT)).isZero();
            assertThat(child.output()).doesNotContain("RELOAD");
        }
    }

    @Test
    void sigintStopsLikeSigterm() {
        try (JavaChild child = JavaChild.start(List.of(), SignalProbe.class)) {
            child.awaitLine("READY", START);
            child.signal("INT");

            child.awaitLine("STOPPING", WAIT);
            assertThat(child.waitFor(WAIT)).isZero();
        }
    }

    @Test
    void ignoreSigintKeepsRunningUntilSigterm() {
        try (JavaChild child = JavaChild.start(List.of(), SignalProbe.class, "ignore-sigint")) {
            child.awaitLine("READY", START);
            // SIG_IGN: the kernel discards SIGINT as kill(2) sends it, so once kill returns it is
            // gone; the HUP that follows proves the child is still alive and handling signals.
            child.signal("INT");
            child.signal("HUP");
            child.awaitLine("RELOAD", WAIT);
            assertThat(child.isAlive()).isTrue();
            assertThat(child.output()).doesNotContain("STOPPING");

            child.signal("TERM");
            child.awaitLine("STOPPING", WAIT);
            assertThat(child.waitFor(WAIT)).isZero();
        }
    }

    @Test
    void secondSigtermWhileStoppingForcesTheStopAtOnce() {
        try (JavaChild child = JavaChild.start(List.of(), SignalProbe.class, "hold")) {
            child.awaitLine("READY", START);
            child.signal("TERM");
            child.awaitLine("STOPPING", WAIT);

            // The orderly stop is held (waiting on stdin); a second signal must not wait for it.
            child.signal("TERM");
            awaitOutput(child, "Received SIGTERM while stopping - forcing the stop");
            child.awaitLine("FORCED", WAIT);
            assertThat(child.waitFor(WAIT)).isEqualTo(1);
            assertThat(child.output()).containsOnlyOnce("STOPPING").doesNotContain("STOPPED");
        }
    }

    // The log line carries Logback's default prefix in the child, so match by substring.
    private static void awaitOutput(JavaChild child, String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!child.output().contains(text)) {
            assertThat(System.nanoTime()).as("'%s' in %s", text, child.output()).isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
