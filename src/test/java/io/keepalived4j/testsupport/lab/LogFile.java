package io.keepalived4j.testsupport.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A daemon's log file that tests wait on: {@code await("Entering MASTER STATE", 5 s)}.
 *
 * <p>A {@link Mark} is a position in the file, so a test can wait for the <em>next</em> line
 * matching a pattern (the second "Entering MASTER STATE", after a failback) rather than the first.
 */
public final class LogFile {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final int TAIL_LINES = 60;

    /** A byte position in the log; lines after it are "new". */
    public record Mark(long offset) {
        public static final Mark START = new Mark(0);
    }

    private final Path path;

    public LogFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The current end of the log. */
    public Mark mark() {
        try {
            return new Mark(Files.exists(path) ? Files.size(path) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything written so far. */
    public String text() {
        return since(Mark.START);
    }

    /** Everything written after {@code mark}. */
    public String since(Mark mark) {
        try {
            if (!Files.exists(path)) {
                return "";
            }
            byte[] all = Files.readAllBytes(path);
            int from = (int) Math.min(mark.offset(), all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first complete line after {@code mark} in which {@code regex} is found, if any yet. */
    public Optional<String> find(Mark mark, String regex) {
        Pattern pattern = Pattern.compile(regex);
        String text = since(mark);
        int end = text.lastIndexOf('\n'); // a line still being written is not matched half-way
        return end < 0 ? Optional.empty()
                : text.substring(0, end).lines().filter(l -> pattern.matcher(l).find()).findFirst();
    }

    /** Waits for a line (anywhere in the log) matching {@code regex}; returns it. */
    public String await(String regex, Duration timeout) {
        return await(Mark.START, regex, timeout);
    }

    /**
     * Waits for a line after {@code mark} matching {@code regex} (found, not fully matched).
     *
     * @throws AssertionError after {@code timeout}, with the log's tail
     */
    public String await(Mark mark, String regex, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = find(mark, regex);
            if (line.isPresent()) {
                return line.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line matching /" + regex + "/ in " + path + " within " + timeout
                        + "; last lines:\n" + tail());
            }
            sleep(POLL);
        }
    }

    /** The last lines, for failure messages. */
    public String tail() {
        List<String> lines = text().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
