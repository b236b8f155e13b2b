package io.keepalived4j.os.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The write end of a notify FIFO, opened as keepalived's {@code fifo_open()} does: created with
 * mkfifo(3) mode 0644 (less the process umask; keepalived's is 0177) if missing, and opened
 * {@code O_RDWR | O_NONBLOCK}. Holding a read end ourselves means open(2) never waits for a reader
 * and a reader coming and going never gives us SIGPIPE; O_NONBLOCK means a full pipe (no reader
 * draining it, 64 KiB on Linux) makes write(2) fail with EAGAIN instead of stalling the daemon.
 * Lines shorter than PIPE_BUF (4096) are written atomically, so concurrent writers never interleave.
 */
public final class FifoWriter implements AutoCloseable {

    private final Path path;
    private final boolean created;
    private int fd;

    private FifoWriter(Path path, boolean created, int fd) {
        this.path = path;
        this.created = created;
        this.fd = fd;
    }

    public static FifoWriter open(Path path) throws IOException {
        boolean created = false;
        if (!Files.exists(path)) {
            int r = Libc.mkfifo(path.toString(), 0644);
            if (r < 0 && r != -Libc.EEXIST) {
                throw new IOException("mkfifo " + path + ": errno " + -r);
            }
            created = r == 0;
        }
        int fd = Libc.open(path.toString(), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0) {
            if (created) {
                Files.deleteIfExists(path); // as keepalived: unlink a FIFO we made but cannot use
            }
            throw new IOException("open " + path + ": errno " + -fd);
        }
        return new FifoWriter(path, created, fd);
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
        if (fd < 0) {
            throw new IOException("closed: " + path);
        }
        long r = Libc.write(fd, line.getBytes(StandardCharsets.UTF_8));
        if (r == -Libc.EAGAIN) {
            return false;
        }
        if (r < 0) {
            throw new IOException("write " + path + ": errno " + -r);
        }
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
            if (created) {
                Files.deleteIfExists(path);
            }
        }
    }
}
