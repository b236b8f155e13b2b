package io.keepalived4j.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed pid file ({@code -p}, {@code -r}, {@code -c}): plain decimal pid and a newline,
 * mode 0644, as keepalived writes it (ops.md section 5). Claiming follows keepalived's
 * {@code process_running()} (core/pidfile.c), with its log lines: a file naming a live process
 * refuses the start ({@link DaemonAlreadyRunningException}); a dead pid is a zombie file and is
 * replaced ({@code Remove a zombie pid file PATH}); an unreadable file is removed and still
 * refuses this start ({@code Error reading pid file PATH}), because keepalived writes the file
 * non-atomically and a half-written one may belong to a daemon that is starting right now.
 * Deviation: a file holding our own pid is stale (a container restarted us with the same pid),
 * where keepalived would refuse forever.
 *
 * <p>The new file is written to a temporary name and renamed, so readers such as systemd's
 * PIDFile= never see it empty. {@link #close()} removes it only if it still holds our pid.
 */
public final class PidFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path path;
    private final long pid;
    private boolean closed;

    private PidFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Claims {@code path} for this process. */
    public static PidFile claim(Path path) {
        return claim(path, ProcessHandle.current().pid(), p -> ProcessHandle.of(p).isPresent());
    }

    /**
     * Claims {@code path} for {@code pid}; {@code alive} says whether a pid found in an existing
     * file is a running process (keepalived: {@code kill(pid, 0) == 0}).
     *
     * @throws DaemonAlreadyRunningException when the file names another live process
     */
    public static PidFile claim(Path path, long pid, LongPredicate alive) {
        checkExisting(path, pid, alive);
        try {
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), "." + path.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("cannot rename into " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + path, e);
        }
        return new PidFile(path, pid);
    }

    private static void checkExisting(Path path, long ourPid, LongPredicate alive) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pid file " + path, e);
        }
        long found = parse(text);
        if (found <= 0) {
            LOG.info("Error reading pid file {}", path);
            deleteQuietly(path);
            throw new DaemonAlreadyRunningException(path, 0);
        }
        if (found != ourPid && alive.test(found)) {
            throw new DaemonAlreadyRunningException(path, found);
        }
        LOG.info("Remove a zombie pid file {}", path);
        deleteQuietly(path);
    }

    // keepalived reads it with fscanf("%d"): leading number, whatever follows.
    private static long parse(String text) {
        String s = text.strip();
        int end = 0;
        while (end < s.length() && end < 10 && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Long.parseLong(s.substring(0, end));
    }

    public Path path() {
        return path;
    }

    public long pid() {
        return pid;
    }

    /** Removes the file if it still names us; one written by a newer daemon is left alone. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (parse(Files.readString(path, StandardCharsets.US_ASCII)) == pid) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // Already gone (an admin removed it): nothing to do.
        } catch (IOException e) {
            LOG.warn("cannot remove pid file {}: {}", path, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove pid file {}: {}", path, e.toString());
        }
    }
}
