package io.keepalived4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process in a test's network namespace with an environment of the test's choice
 * (what a service manager gives a daemon), its output in a file. {@code ip netns exec} execs the
 * command, so {@link #pid()} is the daemon's own (systemd's MAINPID). Killed on close if alive.
 */
public final class NamespacedProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NamespacedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static NamespacedProcess start(NetNs ns, List<String> argv, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        try {
            return new NamespacedProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Sends {@code signal} (HUP, TERM, ...) with kill(1), as a unit's ExecReload does. */
    public void signal(String signal) {
        ExecResult r = Exec.run(List.of("kill", "-s", signal, Long.toString(pid())), Duration.ofSeconds(10));
        if (!r.ok()) {
            throw new AssertionError("kill -s " + signal + " " + pid() + ": " + r.stderr());
        }
    }

    /** The exit status; fails (after killing it) when it is still running after {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("still running after " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
