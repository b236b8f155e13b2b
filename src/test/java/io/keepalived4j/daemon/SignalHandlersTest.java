package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HUP, USR1 and USR2 are sent to this very JVM; they are safe because our handlers catch them. */
class SignalHandlersTest {

    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "event-loop"));
    private final CompletableFuture<String> reload = new CompletableFuture<>();
    private final CompletableFuture<String> data = new CompletableFuture<>();
    private final CompletableFuture<String> stats = new CompletableFuture<>();
    private final SignalHandlers.Actions actions = new SignalHandlers.Actions(
            () -> { throw new AssertionError("stop must not run"); },
            () -> reload.complete(Thread.currentThread().getName()),
            () -> data.complete(Thread.currentThread().getName()),
            () -> stats.complete(Thread.currentThread().getName()));

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    @Test
    void sighupReloadsOnTheDaemonExecutor() throws Exception {
        try (SignalHandlers ignored = SignalHandlers.install(actions, loop, false)) {
            kill("HUP");
            assertThat(reload.get(10, TimeUnit.SECONDS)).isEqualTo("event-loop");
            assertThat(data).isNotDone();
            assertThat(stats).isNotDone();
        }
    }

    @Test
    void sigusr1DumpsDataAndSigusr2DumpsStats() throws Exception {
        try (SignalHandlers handlers = SignalHandlers.install(actions, loop, true)) {
            kill("USR1");
            assertThat(data.get(10, TimeUnit.SECONDS)).isEqualTo("event-loop");
            kill("USR2");
            assertThat(stats.get(10, TimeUnit.SECONDS)).isEqualTo("event-loop");
            assertThat(reload).isNotDone();
            assertThat(handlers.stopping()).isFalse();
        }
    }

    /** keepalived's JSON dump signal (SIGRTMIN+2) is out of the JVM's reach; its stand-in reaches the executor. */
    @Test
    void theJsonStandInSignalRunsItsActionOnTheDaemonExecutor() throws Exception {
        CompletableFuture<String> json = new CompletableFuture<>();
        try (SignalHandlers ignored = SignalHandlers.installOne(SignalNumbers.JSON_STAND_IN,
                () -> json.complete(Thread.currentThread().getName()), loop)) {
            kill(SignalNumbers.JSON_STAND_IN);
            assertThat(json.get(10, TimeUnit.SECONDS)).isEqualTo("event-loop");
        }
        assertThat(SignalNumbers.of("JSON")).hasValue(23);
    }

    @Test
    void executorRefusingWorkIsLoggedNotThrownOnTheSignalThread() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger log = (Logger) LoggerFactory.getLogger(SignalHandlers.class);
        log.addAppender(logged);
        try (SignalHandlers ignored = SignalHandlers.install(actions, r -> {
            throw new RejectedExecutionException("loop closed");
        }, false)) {
            kill("HUP");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (logged.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            log.detachAppender(logged);
        }
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("SIGHUP not handled: the daemon's executor refused it");
    }

    private static void kill(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(ProcessHandle.current().pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
