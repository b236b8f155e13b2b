package io.keepalived4j.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keepalived4j demo} as a child process of the test, as a user would run it: its own JVM
 * (this test run's java and class path), output collected for assertions.
 *
 * <p>Started through {@code env --default-signal=INT}: a JVM whose parent ignores SIGINT (Maven
 * started in the background by a non-interactive shell) would inherit that and keep it ignored,
 * and the Ctrl-C test would then test nothing.
 */
final class DemoChild implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("keepalived4j started \\(pid (\\d+)\\)");
    private static final Pattern HEADING = Pattern.compile("keepalived4j demo (\\p{XDigit}{6}): .* VIP (\\S+)");

    private static final Pattern CONFIGS = Pattern.compile("node configs \\(derived from seed 004\\): (\\S+), ");

    private final Process process;
    private final StringBuilder output = new StringBuilder();

    private DemoChild(Process process) {
        this.process = process;
        Thread.ofVirtual().start(this::collect);
    }

    static DemoChild start(String... demoArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of("env", "--default-signal=INT", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.keepalived4j.cli.Main", "demo"));
        argv.addAll(List.of(demoArgs));
        return new DemoChild(new ProcessBuilder(argv).redirectErrorStream(true).start());
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (this) {
                    output.append(line).append('\n');
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                output.append("(test: output stream ended: ").append(e.getMessage()).append(")\n");
            }
        }
    }

    /** Waits until the output contains {@code text}; false on timeout or when the demo exited first. */
    synchronized boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.toString().contains(text)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive() && !output.toString().contains(text)) {
                return output.toString().contains(text);
            }
            wait(Math.min(200, Math.max(1, left / 1_000_000)));
        }
        return true;
    }

    synchronized String output() {
        return output.toString();
    }

    /** The PIDs of the keepalived4j daemons the demo reported starting. */
    List<Long> daemonPids() {
        List<Long> pids = new ArrayList<>();
        Matcher m = PID.matcher(output());
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    /** The demo's id and VIP from its heading line. */
    Matcher heading() {
        Matcher m = HEADING.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no heading in the demo's output:\n" + output());
        }
        return m;
    }

    /** The directory the demo reported for its node configs. */
    Path workDir() {
        Matcher m = CONFIGS.matcher(output());
        if (!m.find()) {
            throw new AssertionError("no config path in the demo's output:\n" + output());
        }
        return Path.of(m.group(1)).getParent();
    }

    Process process() {
        return process;
    }

    /** Exit status, or null when it did not exit in time. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** A demo left running by a failed test: SIGTERM (its shutdown hook cleans up), then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
