package io.keepalived4j.notify;

import io.keepalived4j.os.process.FifoWriter;
import io.keepalived4j.os.process.ScriptLauncher;
import io.keepalived4j.os.process.ScriptProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code notify_fifo} / {@code vrrp_notify_fifo}: the FIFO (made if missing) and, with
 * {@code notify_fifo_script}, the long-running reader keepalived starts for it, given the FIFO's
 * path as its last argument. Writing never blocks; a line nobody drains is dropped and counted.
 */
public final class NotifyFifo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifo.class);

    private final FifoWriter writer;
    private final Optional<ScriptProcess> reader;
    private final AtomicLong dropped = new AtomicLong();
    /** Set while lines are being dropped: one log line per full spell, not one per line. */
    private final java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean();

    private NotifyFifo(FifoWriter writer, Optional<ScriptProcess> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    /**
     * Opens the FIFO and starts its reader script, if any. keepalived starts the script between
     * mkfifo and its own open; we open first, so the reader's open(O_RDONLY) never has to wait.
     */
    public static NotifyFifo open(Path path, Optional<NotifyScript> readerScript, ScriptLauncher launcher)
            throws IOException {
        FifoWriter w = FifoWriter.open(path);
        Optional<ScriptProcess> r = Optional.empty();
        if (readerScript.isPresent()) {
            NotifyScript s = readerScript.get();
            try {
                r = Optional.of(launcher.start(s.withArguments(java.util.List.of(path.toString())), s.runAs()));
            } catch (IOException e) {
                w.close();
                throw e;
            }
        }
        return new NotifyFifo(w, r);
    }

    public Path path() {
        return writer.path();
    }

    /** Writes a notification's line; never blocks. */
    public void write(StateNotification n) {
        writeRaw(n.fifoLine());
    }

    /** Writes one line (given without its newline), e.g. the checkers' {@code RS ... UP}; never blocks. */
    public void writeLine(String line) {
        writeRaw(line + "\n");
    }

    private void writeRaw(String line) {
        try {
            if (!writer.write(line)) {
                long d = dropped.incrementAndGet();
                if (full.compareAndSet(false, true)) {
                    LOG.warn("notify FIFO {} full (no reader?), dropping lines from: {} ({} dropped in all)", path(),
                            line.strip(), d);
                }
            } else if (full.compareAndSet(true, false)) {
                LOG.info("notify FIFO {} accepts lines again ({} dropped in all)", path(), dropped.get());
            }
        } catch (IOException e) {
            dropped.incrementAndGet();
            LOG.warn("Error writing to notify FIFO {}: {}", path(), e.getMessage());
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public Optional<Long> readerPid() {
        return reader.map(ScriptProcess::pid);
    }

    /** Stops the reader script's process group and closes (and, if we made it, removes) the FIFO. */
    @Override
    public void close() throws IOException {
        if (reader.isPresent()) {
            try {
                reader.get().stopGroup(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.close();
    }
}
