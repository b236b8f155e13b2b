package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The receiving end of AF_UNIX datagrams at a path, which the JDK's channels cannot bind: what a
 * service manager's notify socket is, for a process that relays sd_notify messages (the daemon's
 * net_namespace parent). Removes its socket file on close.
 *
 * <pre>{@code
 * try (UnixDatagramInbox inbox = UnixDatagramInbox.bind(dir.resolve("notify"))) {
 *     inbox.receive(Duration.ofMillis(500)).ifPresent(relay::send);
 * }
 * }</pre>
 */
public final class UnixDatagramInbox implements AutoCloseable {

    /** sd_notify messages are small; systemd itself reads at most this much per datagram (NOTIFY_BUFFER_MAX). */
    private static final int MAX_DATAGRAM = 4096;

    private final Path path;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final MemorySegment callState;
    private int fd;

    private UnixDatagramInbox(Path path, int fd) {
        this.path = path;
        this.fd = fd;
        this.buffer = arena.allocate(MAX_DATAGRAM);
        this.callState = Libc.newCallState(arena);
    }

    /** Binds at {@code path}, which must not exist; its directory's permissions say who may send. */
    public static UnixDatagramInbox bind(Path path) throws NativeException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > 107) {
            throw new IllegalArgumentException("unix socket path longer than 107 bytes: " + path);
        }
        int fd = (int) Libc.check("socket(AF_UNIX, SOCK_DGRAM)", (a, state) ->
                (int) Libc.SOCKET.invokeExact(state, Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0));
        try {
            Libc.check("bind(" + path + ")", (a, state) -> {
                MemorySegment addr = a.allocate(110);
                addr.set(JAVA_SHORT, 0, (short) Libc.AF_UNIX);
                MemorySegment.copy(name, 0, addr, JAVA_BYTE, 2, name.length);
                return (int) Libc.BIND.invokeExact(state, fd, addr, 110);
            });
        } catch (NativeException e) {
            Libc.close(fd);
            throw e;
        }
        return new UnixDatagramInbox(path, fd);
    }

    /** The next datagram as text, or empty when none came within {@code timeout} (or the socket is closed). */
    public synchronized Optional<String> receive(Duration timeout) throws NativeException {
        if (fd < 0) {
            return Optional.empty();
        }
        int socket = fd;
        Libc.check("setsockopt(SO_RCVTIMEO)", (a, state) -> {
            MemorySegment tv = a.allocate(16);
            tv.set(JAVA_LONG, 0, timeout.toSeconds());
            tv.set(JAVA_LONG, 8, Math.max(1, timeout.toMillisPart() * 1000L));
            return (int) Libc.SETSOCKOPT.invokeExact(state, socket, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, tv, 16);
        });
        long n;
        try {
            n = (long) Libc.RECV.invokeExact(callState, socket, buffer, (long) MAX_DATAGRAM, 0);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
        if (n < 0) {
            int errno = Libc.errno(callState);
            if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
                return Optional.empty();
            }
            throw NativeException.of("recv on " + path, errno, null);
        }
        return Optional.of(new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
    }

    public Path path() {
        return path;
    }

    /** Closes the socket and removes its file. */
    @Override
    public synchronized void close() throws IOException {
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
            arena.close();
        }
        Files.deleteIfExists(path);
    }
}
