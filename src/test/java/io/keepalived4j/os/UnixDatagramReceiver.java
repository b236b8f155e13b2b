package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A test-owned stand-in for syslogd: a unix datagram socket bound at a path (the JDK's
 * DatagramChannel has no AF_UNIX support, hence FFM). Removes its socket file on close.
 */
public final class UnixDatagramReceiver implements AutoCloseable {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle RECVMSG = handle("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    /** A datagram and the pid of the process that sent it (SCM_CREDENTIALS, as systemd checks NotifyAccess). */
    public record Datagram(String text, int senderPid) {
    }

    private final Path path;
    private final int fd;

    private UnixDatagramReceiver(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Binds a receiver at {@code path}, which must not exist yet. */
    public static UnixDatagramReceiver bind(Path path) {
        return bind(path, path.toString().getBytes(StandardCharsets.UTF_8), 110);
    }

    /**
     * Binds a receiver at {@code name} in the abstract namespace (systemd's {@code @name} form of
     * NOTIFY_SOCKET): a leading NUL, then exactly the name's bytes, the length being part of it.
     */
    public static UnixDatagramReceiver bindAbstract(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[n.length + 1];
        System.arraycopy(n, 0, p, 1, n.length);
        return bind(null, p, 2 + p.length);
    }

    private static UnixDatagramReceiver bind(Path path, byte[] p, int length) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) SOCKET.invokeExact(1 /* AF_UNIX */, 2 /* SOCK_DGRAM */, 0);
            if (fd < 0) {
                throw new IllegalStateException("socket(AF_UNIX, SOCK_DGRAM) failed");
            }
            MemorySegment addr = arena.allocate(110);
            addr.set(JAVA_SHORT, 0, (short) 1);
            MemorySegment.copy(p, 0, addr, JAVA_BYTE, 2, p.length);
            if ((int) BIND.invokeExact(fd, addr, length) < 0) {
                int ignored = (int) CLOSE.invokeExact(fd);
                throw new IllegalStateException("bind(" + (path == null ? "abstract socket" : path) + ") failed");
            }
            // SO_PASSCRED: the kernel attaches every sender's pid, uid and gid.
            MemorySegment one = arena.allocate(JAVA_INT);
            one.set(JAVA_INT, 0, 1);
            int ignored = (int) SETSOCKOPT.invokeExact(fd, 1 /* SOL_SOCKET */, 16 /* SO_PASSCRED */, one, 4);
            return new UnixDatagramReceiver(path, fd);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The next datagram, or null when none arrives within {@code timeout}. */
    public byte[] receive(Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tv = arena.allocate(16);
            tv.set(JAVA_LONG, 0, timeout.toSeconds());
            tv.set(JAVA_LONG, 8, timeout.toMillisPart() * 1000L);
            int ok = (int) SETSOCKOPT.invokeExact(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, tv, 16);
            if (ok < 0) {
                throw new IllegalStateException("setsockopt(SO_RCVTIMEO) failed");
            }
            MemorySegment buf = arena.allocate(65536);
            long n = (long) RECV.invokeExact(fd, buf, buf.byteSize(), 0);
            return n < 0 ? null : buf.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The next datagram with its sender's pid, or null when none arrives within {@code timeout}. */
    public Datagram receiveWithSender(Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tv = arena.allocate(16);
            tv.set(JAVA_LONG, 0, timeout.toSeconds());
            tv.set(JAVA_LONG, 8, timeout.toMillisPart() * 1000L);
            int ok = (int) SETSOCKOPT.invokeExact(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, tv, 16);
            if (ok < 0) {
                throw new IllegalStateException("setsockopt(SO_RCVTIMEO) failed");
            }
            MemorySegment buf = arena.allocate(65536);
            MemorySegment iov = arena.allocate(16);
            iov.set(ADDRESS, 0, buf);
            iov.set(JAVA_LONG, 8, buf.byteSize());
            MemorySegment control = arena.allocate(64, 8);
            // struct msghdr (LP64): name, namelen, iov, iovlen, control, controllen, flags.
            MemorySegment msg = arena.allocate(56, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, control.byteSize());
            long n = (long) RECVMSG.invokeExact(fd, msg, 0);
            if (n < 0) {
                return null;
            }
            int pid = -1;
            long controlLength = msg.get(JAVA_LONG, 40);
            // struct cmsghdr: len (size_t), level, type, then struct ucred {pid, uid, gid}.
            if (controlLength >= 28 && control.get(JAVA_INT, 8) == 1 /* SOL_SOCKET */
                    && control.get(JAVA_INT, 12) == 2 /* SCM_CREDENTIALS */) {
                pid = control.get(JAVA_INT, 16);
            }
            return new Datagram(new String(buf.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8), pid);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The next datagram decoded as UTF-8, or null on timeout. */
    public String receiveText(Duration timeout) {
        byte[] b = receive(timeout);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }
}
