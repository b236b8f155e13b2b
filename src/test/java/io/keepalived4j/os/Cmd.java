package io.keepalived4j.os;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands (ip, sysctl) for the namespace lab; output goes to temp files, never pipes. */
final class Cmd {

    private Cmd() {
    }

    /** Runs {@code argv} for at most 10 s; returns stdout or throws with stderr when it fails. */
    static String run(String... argv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("k4j-cmd-", ".out");
            err = Files.createTempFile("k4j-cmd-", ".err");
            Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", argv) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(err).strip());
            }
            return Files.readString(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temp file must not hide the test's outcome
        }
    }
}
