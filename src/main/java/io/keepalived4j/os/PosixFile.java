package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * An open file descriptor with the calls {@code java.nio} does not offer: {@code O_NOFOLLOW} and
 * {@code O_NONBLOCK} at open, {@code fstat} of what was actually opened (not of what the path
 * names a moment later), {@code flock}, and non-blocking writes to a FIFO. A daemon running as
 * root opens every path that someone else might control this way (CWE-59: a symlink planted where
 * a FIFO, a tracked file or a pid file is expected).
 *
 * <pre>{@code
 * try (PosixFile f = PosixFile.open(path, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0)) {
 *     if (f.status().type() == FileStatus.Type.REGULAR) { byte[] head = f.read(4096); }
 * }
 * }</pre>
 *
 * <p>Threads: the calls are independent system calls; {@link #close()} is idempotent and must not
 * race another call on the same object (the fd number could be reused).
 */
public final class PosixFile implements AutoCloseable {

    // struct statx (linux/stat.h), the same on every architecture.
    private static final int STATX_SIZE = 256;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final long STX_UID = 20;
    private static final long STX_GID = 24;
    private static final long STX_MODE = 28;
    private static final long STX_SIZE = 40;

    private final Path path;
    private int fd;

    private PosixFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * open(2) with {@code flags | O_CLOEXEC | O_NOCTTY}; {@code mode} applies when O_CREAT creates it.
     *
     * @throws NativeException ELOOP when O_NOFOLLOW met a symlink, ENOENT, EACCES, ...
     */
    public static PosixFile open(Path path, int flags, int mode) throws NativeException {
        String p = path.toString();
        int fd = (int) Libc.check((a, st) -> (int) Libc.OPEN.invokeExact(st, a.allocateFrom(p),
                flags | Libc.O_CLOEXEC | Libc.O_NOCTTY, mode), e -> NativeException.of("open(" + p + ")", e,
                e == Libc.ELOOP ? "it is a symbolic link, which is not followed" : null));
        return new PosixFile(path, fd);
    }

    /** mkfifo(3); returns 0, or {@code -errno} (e.g. {@code -EEXIST}). */
    public static int mkfifo(Path path, int mode) {
        String p = path.toString();
        return (int) Libc.orErrno((a, st) -> (int) Libc.MKFIFO.invokeExact(st, a.allocateFrom(p), mode));
    }

    /** lstat(2) of a path without opening it (statx with AT_SYMLINK_NOFOLLOW). */
    public static FileStatus lstat(Path path) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STATX_SIZE, 8);
            String p = path.toString();
            Libc.check("statx(" + p + ")", (a, st) -> (int) Libc.STATX.invokeExact(st, Libc.AT_FDCWD, a.allocateFrom(p),
                    Libc.AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf));
            return decode(buf);
        }
    }

    public Path path() {
        return path;
    }

    /** fstat of the open file (statx with AT_EMPTY_PATH). */
    public FileStatus status() throws NativeException {
        int f = fd();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(STATX_SIZE, 8);
            Libc.check("fstat(" + path + ")", (a, st) -> (int) Libc.STATX.invokeExact(st, f, a.allocateFrom(""),
                    Libc.AT_EMPTY_PATH, STATX_BASIC_STATS, buf));
            return decode(buf);
        }
    }

    private static FileStatus decode(MemorySegment buf) {
        int mode = Short.toUnsignedInt(buf.get(JAVA_SHORT, STX_MODE));
        return new FileStatus(FileStatus.typeOf(mode), Integer.toUnsignedLong(buf.get(JAVA_INT, STX_UID)),
                Integer.toUnsignedLong(buf.get(JAVA_INT, STX_GID)), mode & 07777, buf.get(JAVA_LONG, STX_SIZE));
    }

    /**
     * Reads up to {@code max} bytes from the current position, stopping at end of file; never more,
     * however large the file claims to be (a sparse 1 GiB file costs {@code max} bytes).
     * On a non-blocking descriptor, EAGAIN ends the read with what was there.
     */
    public byte[] read(int max) throws NativeException {
        int f = fd();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(1, max));
            int total = 0;
            while (total < max) {
                int off = total;
                long n = Libc.orErrno((a, st) -> (long) Libc.READ.invokeExact(st, f, buf.asSlice(off), (long) (max - off)));
                if (n == -Libc.EINTR) {
                    continue;
                }
                if (n == -Libc.EAGAIN || n == 0) {
                    break;
                }
                if (n < 0) {
                    throw NativeException.of("read(" + path + ")", (int) -n, null);
                }
                total += (int) n;
            }
            return buf.asSlice(0, total).toArray(JAVA_BYTE);
        }
    }

    /**
     * One write(2) of all of {@code bytes}; returns false when a non-blocking descriptor would
     * block (a FIFO nobody drains is full). Writes shorter than PIPE_BUF (4096) to a pipe are
     * atomic: all or nothing.
     */
    public boolean write(byte[] bytes) throws NativeException {
        int f = fd();
        long n = Libc.orErrno((a, st) -> (long) Libc.WRITE.invokeExact(st, f, a.allocateFrom(JAVA_BYTE, bytes),
                (long) bytes.length));
        if (n == -Libc.EAGAIN) {
            return false;
        }
        if (n < 0) {
            throw NativeException.of("write(" + path + ")", (int) -n, null);
        }
        if (n != bytes.length) {
            throw NativeException.of("write(" + path + "): " + n + " of " + bytes.length + " bytes", 5, null);
        }
        return true;
    }

    /**
     * Makes the file's content exactly {@code bytes}: written at offset 0, then truncated to that
     * length, so a reader never sees the file empty (a pid file read by systemd, say).
     */
    public void replaceContent(byte[] bytes) throws NativeException {
        int f = fd();
        Libc.check("pwrite(" + path + ")", (a, st) -> (long) Libc.PWRITE.invokeExact(st, f,
                a.allocateFrom(JAVA_BYTE, bytes), (long) bytes.length, 0L));
        Libc.check("ftruncate(" + path + ")", (a, st) -> (int) Libc.FTRUNCATE.invokeExact(st, f, (long) bytes.length));
    }

    /**
     * flock(LOCK_EX | LOCK_NB): true when we now hold the lock, false when another open file
     * description holds it (another process, or another open of the same file in this one). The
     * kernel releases it when the descriptor closes, also when the process dies.
     */
    public boolean tryLock() throws NativeException {
        int f = fd();
        long r = Libc.orErrno((a, st) -> (int) Libc.FLOCK.invokeExact(st, f, Libc.LOCK_EX | Libc.LOCK_NB));
        if (r == -Libc.EWOULDBLOCK) {
            return false;
        }
        if (r < 0) {
            throw NativeException.of("flock(" + path + ")", (int) -r, null);
        }
        return true;
    }

    private int fd() {
        if (fd < 0) {
            throw new IllegalStateException("closed: " + path);
        }
        return fd;
    }

    public boolean isOpen() {
        return fd >= 0;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
        }
    }
}
