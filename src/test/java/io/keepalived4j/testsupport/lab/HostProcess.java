package io.keepalived4j.testsupport.lab;

import io.keepalived4j.testsupport.Exec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command inside a lab host ({@code ip netns exec NS argv...}), stopped by PID.
 *
 * <p>{@code ip netns exec} execs the command in place (iproute2 only forks in batch mode), so
 * {@link #pid()} is the command itself, e.g. keepalived's parent process. Output goes to a file
 * (appended, so a restarted daemon keeps one log) or, for line-by-line readers, to a pipe.
 */
public final class HostProcess implements AutoCloseable {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String description;
    private final Process process;

    private HostProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        LabCleanup.register(this);
    }

    /** Starts {@code argv} in {@code host} with stdout and stderr appended to {@code output}. */
    public static HostProcess start(LabHost host, List<String> argv, Path output) {
        return start(host, argv, ProcessBuilder.Redirect.appendTo(output.toFile()));
    }

    /** Starts {@code argv} in {@code host}; read its stdout from {@link #process()}; stderr is discarded. */
    public static HostProcess startPiped(LabHost host, List<String> argv) {
        return start(host, argv, ProcessBuilder.Redirect.PIPE);
    }

    private static HostProcess start(LabHost host, List<String> argv, ProcessBuilder.Redirect out) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out);
        if (out == ProcessBuilder.Redirect.PIPE) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectErrorStream(true);
        }
        try {
            return new HostProcess(host.name() + ": " + String.join(" ", argv), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The JDK process, e.g. for its stdout when started with {@link #startPiped}. */
    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The PIDs of this process and everything it started (keepalived's VRRP child). */
    public List<Long> tree() {
        List<Long> pids = new ArrayList<>();
        process.descendants().forEach(p -> pids.add(p.pid()));
        if (process.isAlive()) {
            pids.add(process.pid());
        }
        return pids;
    }

    /** Sends {@code signal} (e.g. "TERM", "HUP") to the process only; {@code kill -SIG PID}. */
    public void signal(String signal) {
        Exec.run(List.of("kill", "-" + signal, Long.toString(process.pid())), KILL_WAIT);
    }

    /**
     * SIGTERM, then waits up to {@code grace} for the process to exit; SIGKILL on the whole tree
     * otherwise. Returns whether it exited by itself.
     */
    public boolean terminate(Duration grace) {
        if (!process.isAlive()) {
            killTree(); // a dead parent can leave a child behind
            return true;
        }
        List<Long> before = tree();
        process.destroy(); // SIGTERM on Unix
        boolean exited = waitFor(grace);
        if (!exited) {
            killTree();
        }
        // Children of a parent that exited cleanly are gone already; kill any straggler by PID.
        before.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return exited;
    }

    /**
     * Freezes the whole tree (SIGSTOP) and then SIGKILLs it, children first: no process gets to
     * react to another's death, so nothing runs shutdown code (no priority-0 advert, no VIP removal,
     * no respawn by keepalived's parent). That is a crash, as a peer sees it.
     */
    public void killTree() {
        List<Long> pids = tree();
        if (pids.isEmpty()) {
            return;
        }
        List<String> stop = new ArrayList<>(List.of("kill", "-STOP"));
        pids.forEach(pid -> stop.add(Long.toString(pid)));
        Exec.run(stop, KILL_WAIT);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (!waitFor(KILL_WAIT)) {
            throw new IllegalStateException(description + " (pid " + pid() + ") survived SIGKILL");
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + description, e);
        }
    }

    /** Kills the tree if it still runs. Idempotent. */
    @Override
    public void close() {
        try {
            killTree();
        } finally {
            LabCleanup.unregister(this);
        }
    }

    @Override
    public String toString() {
        return description + " (pid " + process.pid() + ")";
    }
}
