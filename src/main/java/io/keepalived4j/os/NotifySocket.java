package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The sending half of systemd's sd_notify(3) protocol: one AF_UNIX datagram per message to the
 * socket named by {@code $NOTIFY_SOCKET}, a path or, when it starts with {@code @}, a name in the
 * abstract namespace (systemd's own form). The JDK's channels have no AF_UNIX datagrams, hence
 * FFM. Sends never block ({@code MSG_DONTWAIT}): a service manager that does not read must not
 * stall the daemon; a message that cannot go is counted and reported by {@link #send}'s result.
 *
 * <pre>{@code
 * try (NotifySocket s = NotifySocket.open(System.getenv("NOTIFY_SOCKET"))) {
 *     s.send("READY=1\nSTATUS=Running");
 * }
 * }</pre>
 */
public final class NotifySocket implements AutoCloseable {

    /** struct sockaddr_un: sa_family_t sun_family; char sun_path[108]. */
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SUN_PATH_SIZE = 108;

    private final String address;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sockaddr;
    private final int sockaddrLength;
    private final MemorySegment callState;
    private int fd;
    private int lastErrno;

    private NotifySocket(String address) throws NativeException {
        this.address = address;
        boolean abstractName = address.startsWith("@");
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        // An abstract name is its leading NUL plus exactly its bytes (no terminator: the length is
        // part of the name); a path is NUL-terminated.
        int used = name.length + 1;
        if (used > SUN_PATH_SIZE) {
            throw new IllegalArgumentException("NOTIFY_SOCKET longer than 107 bytes: " + address);
        }
        sockaddr = arena.allocate(SUN_PATH_OFFSET + SUN_PATH_SIZE);
        sockaddr.set(JAVA_SHORT, 0, (short) Libc.AF_UNIX);
        MemorySegment.copy(name, 0, sockaddr, JAVA_BYTE, SUN_PATH_OFFSET + (abstractName ? 1 : 0), name.length);
        sockaddrLength = SUN_PATH_OFFSET + used;
        callState = Libc.newCallState(arena);
        fd = (int) Libc.check("socket(AF_UNIX, SOCK_DGRAM)", (a, state) ->
                (int) Libc.SOCKET.invokeExact(state, Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0));
    }

    /**
     * A socket for {@code address}, {@code $NOTIFY_SOCKET}'s value: an absolute path or
     * {@code @name}.
     *
     * @throws IllegalArgumentException for any other form (systemd's {@code vsock:} is not supported)
     * @throws NativeException when no socket can be created
     */
    public static NotifySocket open(String address) throws NativeException {
        if (address == null || !(address.startsWith("/") || (address.startsWith("@") && address.length() > 1))) {
            throw new IllegalArgumentException("NOTIFY_SOCKET must be an absolute path or @name, got: " + address);
        }
        return new NotifySocket(address);
    }

    /** Sends one message (newline-separated VAR=value lines); false when it could not be sent now. */
    public synchronized boolean send(String message) {
        if (fd < 0) {
            return false;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buf = call.allocateFrom(JAVA_BYTE, bytes);
            long n = (long) Libc.SENDTO.invokeExact(callState, fd, buf, (long) bytes.length,
                    Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL, sockaddr, sockaddrLength);
            if (n < 0) {
                lastErrno = Libc.errno(callState);
                return false;
            }
            return true;
        } catch (Throwable t) {
            throw new IllegalStateException("sendto call failed", t);
        }
    }

    /** errno of the last failed send (ENOENT, ECONNREFUSED: nobody listens; EAGAIN: queue full), or 0. */
    public synchronized int lastErrno() {
        return lastErrno;
    }

    /** The address this socket sends to, as {@code $NOTIFY_SOCKET} gave it. */
    public String address() {
        return address;
    }

    /**
     * CLOCK_MONOTONIC in microseconds, the clock of sd_notify's {@code MONOTONIC_USEC}: the JDK's
     * nanoTime has an unspecified origin, so it is read from the kernel.
     */
    public static long monotonicMicros() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(16);
            Libc.check("clock_gettime(CLOCK_MONOTONIC)", (x, state) ->
                    (int) Libc.CLOCK_GETTIME.invokeExact(state, Libc.CLOCK_MONOTONIC, ts));
            return ts.get(JAVA_LONG, 0) * 1_000_000L + ts.get(JAVA_LONG, 8) / 1_000L;
        } catch (NativeException e) {
            // Linux never fails CLOCK_MONOTONIC with a valid pointer.
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (!arena.scope().isAlive()) {
            return;
        }
        if (fd >= 0) {
            Libc.close(fd);
            fd = -1;
        }
        arena.close();
    }
}
