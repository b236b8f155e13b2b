package io.keepalived4j.daemon;

import io.keepalived4j.os.FileStatus;
import io.keepalived4j.os.Libc;
import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.PosixFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * <p>Stricter than keepalived 2.2.7, which neither locks nor checks: the file is opened with
 * {@code O_NOFOLLOW} (a symlink planted at the path is refused, never written through) and held
 * with an exclusive {@code flock} for the daemon's life (keepalived 2.3.2 added an OFD lock), so of
 * two daemons starting at once exactly one gets it, whatever the file said. The pid is written at
 * offset 0 and the file truncated after it, so readers such as systemd's PIDFile= never see it
 * empty. {@link #close()} removes it only if it still holds our pid, then releases the lock.
 */
public final class PidFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path path;
    private final long pid;
    private final PosixFile file;
    private boolean closed;

    private PidFile(Path path, long pid, PosixFile file) {
        this.path = path;
        this.pid = pid;
        this.file = file;
    }

    /** Claims {@code path} for this process. */
    public static PidFile claim(Path path) {
        return claim(path, ProcessHandle.current().pid(), p -> ProcessHandle.of(p).isPresent());
    }

    /**
     * Claims {@code path} for {@code pid}; {@code alive} says whether a pid found in an existing
     * file is a running process (keepalived: {@code kill(pid, 0) == 0}).
     *
     * @throws DaemonAlreadyRunningException when another daemon holds the lock or the file names
     *                                       another live process
     * @throws UncheckedIOException          when the file cannot be opened (a symlink, a directory...)
     */
    public static PidFile claim(Path path, long pid, LongPredicate alive) {
        PosixFile f;
        try {
            f = PosixFile.open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_NOFOLLOW, 0644);
        } catch (NativeException e) {
            throw new UncheckedIOException("Cannot open pidfile " + path, e);
        }
        try {
            FileStatus st = f.status();
            if (st.type() != FileStatus.Type.REGULAR) {
                throw new UncheckedIOException(new IOException("pid file " + path + " is not a regular file"));
            }
            if (!f.tryLock()) {
                throw new DaemonAlreadyRunningException(path, 0);
            }
            checkExisting(path, new String(f.read(64), StandardCharsets.US_ASCII), pid, alive, st.size());
            f.replaceContent((pid + "\n").getBytes(StandardCharsets.US_ASCII));
            if (st.permissions() != 0644) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return new PidFile(path, pid, f);
        } catch (NativeException e) {
            f.close();
            throw new UncheckedIOException("cannot write pid file " + path, e);
        } catch (IOException e) {
            f.close();
            throw new UncheckedIOException("cannot write pid file " + path, e);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static void checkExisting(Path path, String text, long ourPid, LongPredicate alive, long size) {
        if (size == 0) {
            return; // we just created it (or a crash left it empty before anything was written)
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

    /** Removes the file if it still names us (one written by a newer daemon is left alone), then unlocks. */
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
        } finally {
            file.close();
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
