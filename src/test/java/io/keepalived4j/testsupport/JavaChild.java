package io.keepalived4j.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a {@code main} class from the test classpath, for behaviour a test must
 * not inflict on its own JVM (SIGTERM would kill surefire's fork) or that needs a different
 * process context (dropped capabilities). The child runs the same {@code java} as the test;
 * stderr is merged into stdout, which is read line by line.
 *
 * <pre>{@code
 * try (JavaChild child = JavaChild.start(List.of(), SignalProbe.class)) {
 *     child.awaitLine("READY", Duration.ofSeconds(20));
 *     ...
 * }
 * }</pre>
 */
public final class JavaChild implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private JavaChild(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "java-child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code prefix... java -cp <test classpath> main args...}; {@code prefix} is e.g.
     * {@code setpriv --bounding-set=-net_raw}, which execs java in its own process.
     */
    public static JavaChild start(List<String> prefix, Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(prefix);
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("--enable-native-access=ALL-UNNAMED");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(main.getName());
        argv.addAll(List.of(args));
        try {
            return new JavaChild(new ProcessBuilder(argv).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for an output line equal to {@code expected}; fails with all output seen so far. */
    public void awaitLine(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    throw new AssertionError("no line '" + expected + "' from child " + pid()
                            + (line == null ? " within " + timeout : " before it exited") + "; output: " + output());
                }
                if (line.equals(expected)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for the child to exit and returns its status; kills it and fails after {@code timeout}. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("child " + pid() + " still running after " + timeout + "; output: " + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Writes {@code line} and a newline to the child's stdin. */
    public void writeLine(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to child " + pid(), e);
        }
    }

    /** Sends signal {@code name} (TERM, INT, HUP...) to the child with kill(1). */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -s " + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every line the child has printed so far, joined with newlines. */
    public String output() {
        synchronized (seen) {
            return String.join("\n", seen);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (seen) {
                    seen.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // The child died or was killed: its output ends here, as the EOF marker says.
        }
        lines.add(EOF);
    }
}
