package io.keepalived4j.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own {@code promtool check metrics} (Debian's prometheus package, which .ci/run
 * installs): parses a text exposition and lints it (names, help, types, units).
 */
public final class Promtool {

    private static final Path BINARY = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /**
     * promtool's findings about {@code exposition}: empty when it accepts it cleanly. Without
     * promtool the test is skipped, or fails on CI.
     */
    public static String findings(String exposition) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("promtool (Debian's prometheus package) is missing on CI");
            }
            Assumptions.abort("no promtool: apt-get install prometheus");
        }
        Process p = new ProcessBuilder(BINARY.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish within 30 s");
        }
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }
}
