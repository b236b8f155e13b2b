package io.keepalived4j.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short external command ({@code ip ...}) and returns its output. The demo builds its
 * topology with iproute2 rather than netlink so that every step is a command an operator can
 * read in the error message and repeat by hand.
 */
final class IpCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Exit status and merged output of a finished command. */
    record Result(int status, String output) {
        boolean ok() {
            return status == 0;
        }
    }

    private IpCommand() {
    }

    /** Runs {@code argv}; a non-zero exit is an {@link IllegalStateException} naming the command. */
    static String check(String... argv) {
        Result r = run(argv);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (exit " + r.status() + "): "
                    + r.output().strip());
        }
        return r.output();
    }

    /** Runs {@code argv} with a 10 s limit (a hung command is killed and reported as exit -1). */
    static Result run(String... argv) {
        Process p;
        try {
            p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv[0] + " (the demo needs iproute2)", e);
        }
        // Read while it runs: a full pipe would block the child before it exits.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", argv) + " timed out after " + TIMEOUT);
            }
            return new Result(p.exitValue(), out.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
