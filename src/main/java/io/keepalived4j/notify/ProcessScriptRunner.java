package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;
import io.keepalived4j.os.process.ScriptLauncher;
import io.keepalived4j.os.process.ScriptProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs scripts as real processes, one virtual thread each waiting for its script, so hundreds
 * of slow scripts cost no platform threads. On timeout the script's process group gets SIGTERM,
 * then SIGKILL after a grace period (keepalived: {@code kill(-pid, SIGTERM)}, then SIGKILL).
 */
public final class ProcessScriptRunner implements ScriptRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessScriptRunner.class);
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;

    private final ScriptLauncher launcher;
    private final Duration killGrace;
    private final java.util.Set<Thread> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ProcessScriptRunner() {
        this(new ScriptLauncher(), Duration.ofSeconds(2));
    }

    /** @param killGrace time between SIGTERM and SIGKILL for a timed-out script */
    public ProcessScriptRunner(ScriptLauncher launcher, Duration killGrace) {
        this.launcher = launcher;
        this.killGrace = killGrace;
    }

    @Override
    public CompletionStage<ScriptResult> run(List<String> argv, RunAs runAs, Duration timeout) {
        CompletableFuture<ScriptResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(ScriptResult.exited(ScriptResult.NOT_STARTED));
            return result;
        }
        Thread t = Thread.ofVirtual().name("script-" + argv.getFirst()).unstarted(() -> {
            try {
                result.complete(runBlocking(argv, runAs, timeout));
            } catch (RuntimeException | Error e) {
                result.complete(ScriptResult.exited(ScriptResult.NOT_STARTED));
                throw e;
            } finally {
                waiting.remove(Thread.currentThread());
            }
        });
        waiting.add(t);
        t.start();
        return result;
    }

    private ScriptResult runBlocking(List<String> argv, RunAs runAs, Duration timeout) {
        try (ScriptProcess p = launcher.start(argv, runAs)) {
            try {
                if (p.waitFor(timeout)) {
                    return decode(p.exitValue());
                }
                boolean forced = p.stopGroup(killGrace);
                return ScriptResult.timeout(forced ? SIGKILL : SIGTERM);
            } catch (InterruptedException e) {
                // Daemon shutdown (close()): stop the group now, then report it as killed.
                try {
                    p.stopGroup(killGrace);
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
                return ScriptResult.killed(SIGTERM);
            }
        } catch (IOException e) {
            LOG.warn("Couldn't start script {}: {}", argv.getFirst(), e.getMessage());
            return ScriptResult.exited(ScriptResult.NOT_STARTED);
        }
    }

    /**
     * Refuses new runs and lets the running scripts finish (each within its own timeout): a
     * reload's predecessor, whose notify scripts must not be killed half-way by the hand-over.
     */
    public void retire() {
        closed = true;
    }

    /**
     * Stops every running script's process group (SIGTERM, SIGKILL after the grace) and refuses
     * new runs: the daemon's shutdown, since scripts do not die with us (see {@link ScriptLauncher}).
     */
    @Override
    public void close() {
        closed = true;
        for (Thread t : List.copyOf(waiting)) {
            t.interrupt();
        }
        for (Thread t : List.copyOf(waiting)) {
            try {
                t.join(killGrace.plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The JDK folds WIFSIGNALED into 128 + signal, which an {@code exit 130} also produces; only
     * values above 128 are read as signals (a shell reports its own signalled children the same way).
     */
    static ScriptResult decode(int exitValue) {
        return exitValue > 128 && exitValue < 128 + 65 ? ScriptResult.killed(exitValue - 128) : ScriptResult.exited(exitValue);
    }
}
