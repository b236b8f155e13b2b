package io.keepalived4j.os.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running script, leader of its own process group (see {@link ScriptLauncher}). Closing it
 * stops the whole group if the script is still running; its single owner is whoever started it.
 */
public final class ScriptProcess implements AutoCloseable {

    private final Process process;
    private final List<String> argv;

    ScriptProcess(Process process, List<String> argv) {
        this.process = process;
        this.argv = argv;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> argv() {
        return argv;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout}; true when the script exited. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The exit value once exited; the JDK reports death by signal N as 128 + N. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * keepalived's timeout handling: SIGTERM to the group, SIGKILL to whatever remains after
     * {@code grace}. The group id is the script's pid; the group keeps that id (and the kernel
     * will not reuse the pid) while any member lives, so signalling it after the leader died
     * still reaches only the script's own children.
     *
     * @return true when the script had to be SIGKILLed
     */
    public boolean stopGroup(Duration grace) throws InterruptedException {
        long pgid = process.pid();
        if (!ProcessGroups.terminate(pgid)) {
            // Not yet (or no longer) a group leader: fall back to the process itself.
            process.destroy();
        }
        boolean exited = process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS);
        // Children that ignore SIGTERM would outlive the leader: always sweep the group.
        ProcessGroups.kill(pgid);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor();
        }
        return !exited;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stopGroup(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
