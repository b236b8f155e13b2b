package io.keepalived4j.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command with a hard timeout and collects its output.
 *
 * <p>Public so that the namespace lab ({@code testsupport.lab}) runs its {@code ip} commands the same way.
 */
public final class Exec {

    private Exec() {}

    /**
     * Runs {@code argv} with stdin at /dev/null, waits at most {@code timeout}, and kills the
     * process and its descendants if it is still running then.
     *
     * @throws UncheckedIOException when the command cannot be started (e.g. not installed)
     */
    public static ExecResult run(List<String> argv, Duration timeout) {
        // Output goes to files, not pipes: a pipe that nobody drains blocks a chatty child, and a
        // daemonised grandchild holding a pipe open would block our reader past the timeout.
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("k4j-exec-", ".out");
            err = Files.createTempFile("k4j-exec-", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                kill(process);
            }
            return new ExecResult(process.exitValue(), read(out), read(err), !finished);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Leave nothing running behind an interrupted test (kill first: its wait would see the
            // interrupt flag), then keep the interrupt for the caller.
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a command", e);
        }
    }

    private static void kill(Process process) {
        // Descendants first: once the parent dies they are re-parented and no longer listed.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing process " + process.pid(), e);
        }
    }

    private static String read(Path file) throws IOException {
        // Lenient decoding: a command printing binary must not turn into a MalformedInputException.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file is harmless and must not hide the command's own outcome.
        }
    }
}
