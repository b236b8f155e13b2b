package io.keepalived4j.os.process;

import io.keepalived4j.os.FileStatus;
import io.keepalived4j.os.Libc;
import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.PosixFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The write end of a notify FIFO. Created with mkfifo(3) mode 0600 if missing, opened
 * {@code O_RDWR | O_NONBLOCK | O_NOFOLLOW} and then checked with fstat to be a FIFO owned by us:
 * root writes state lines into it, so a symlink or a regular file planted at that path by another
 * user (CWE-59) must never be written through or to. keepalived fixed the same hole after 2.2.7;
 * we are stricter than 2.2.7, which created it 0644 and followed symlinks.
 *
 * <p>Holding a read end ourselves (O_RDWR) means open(2) never waits for a reader and a reader
 * coming and going never gives us SIGPIPE; O_NONBLOCK means a full pipe (no reader draining it,
 * 64 KiB on Linux) makes write(2) fail with EAGAIN instead of stalling the daemon. Lines shorter
 * than PIPE_BUF (4096) are written atomically, so concurrent writers never interleave.
 */
public final class FifoWriter implements AutoCloseable {

    private static final int MODE = 0600;

    private final Path path;
    private final boolean created;
    private final PosixFile file;

    private FifoWriter(Path path, boolean created, PosixFile file) {
        this.path = path;
        this.created = created;
        this.file = file;
    }

    /**
     * @throws IOException when the path cannot be made or opened, or is not a FIFO owned by this
     *                     process's user (then it is left alone, never removed)
     */
    public static FifoWriter open(Path path) throws IOException {
        int r = PosixFile.mkfifo(path, MODE);
        if (r < 0 && r != -Libc.EEXIST) {
            throw NativeException.of("mkfifo(" + path + ")", -r, null);
        }
        boolean created = r == 0;
        PosixFile f;
        try {
            f = PosixFile.open(path, Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_NOFOLLOW, 0);
        } catch (NativeException e) {
            if (created) {
                Files.deleteIfExists(path); // as keepalived: unlink a FIFO we made but cannot use
            }
            throw e;
        }
        try {
            FileStatus st = f.status();
            long us = RunAs.currentUid();
            if (st.type() != FileStatus.Type.FIFO || st.uid() != us) {
                throw new IOException(path + " is a " + st.type().words()
                        + " owned by uid " + st.uid() + ", not a FIFO owned by uid " + us
                        + ": refusing to write notifications to it");
            }
            if (st.writableByOthers()) {
                throw new IOException(path + " is writable by other users (mode "
                        + Integer.toOctalString(st.permissions()) + "): refusing it; remove it or chmod go-w");
            }
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return new FifoWriter(path, created, f);
    }

    public Path path() {
        return path;
    }

    /** Whether we made the FIFO (and so remove it on close, as keepalived does). */
    public boolean created() {
        return created;
    }

    /** Writes one line; false when the pipe is full (nobody reads) and the line was dropped. */
    public synchronized boolean write(String line) throws IOException {
        if (!file.isOpen()) {
            throw new IOException("closed: " + path);
        }
        return file.write(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() throws IOException {
        if (file.isOpen()) {
            file.close();
            if (created) {
                Files.deleteIfExists(path);
            }
        }
    }
}
