package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Socket set-up calls that turn failures into {@link NativeException}s naming the call. Set-up
 * runs once per socket, so each call uses its own short-lived arena ({@link Libc#check}); the
 * per-packet paths keep their segments in the socket instead.
 */
final class Sockets {

    private Sockets() {
    }

    /** socket(2) with SOCK_CLOEXEC; {@code what} is how the call reads in messages. */
    static int open(int domain, int type, int protocol, String what) throws NativeException {
        return (int) Libc.check((a, st) -> (int) Libc.SOCKET.invokeExact(st, domain, type | Libc.SOCK_CLOEXEC, protocol),
                e -> NativeException.ofSocketCall(what, e));
    }

    static void setInt(int fd, int level, int name, int value, String what) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            set(fd, level, name, arena.allocateFrom(JAVA_INT, value), what + "=" + value);
        }
    }

    /** SO_BINDTODEVICE: the socket sends and receives on this interface only, as keepalived's do. */
    static void bindToDevice(int fd, String interfaceName) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment value = arena.allocate(name.length + 1L);
            MemorySegment.copy(name, 0, value, JAVA_BYTE, 0, name.length);
            set(fd, Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, value, "SO_BINDTODEVICE=" + interfaceName);
        }
    }

    static void set(int fd, int level, int name, MemorySegment value, String what) throws NativeException {
        Libc.check((a, st) -> (int) Libc.SETSOCKOPT.invokeExact(st, fd, level, name, value, (int) value.byteSize()),
                e -> NativeException.ofSocketCall("setsockopt(" + what + ")", e));
    }

    static void bind(int fd, InetAddress address, int scopeId) throws NativeException {
        Libc.check((arena, st) -> {
            MemorySegment sa = arena.allocate(SockAddrs.MAX_SIZE, 4);
            int len = SockAddrs.write(sa, address, scopeId);
            return (int) Libc.BIND.invokeExact(st, fd, sa, len);
        }, e -> NativeException.of("bind(" + address.getHostAddress() + ")", e,
                e == 99 ? "the address is not configured on this host" : null));
    }

    /** close(2), ignoring errors: after close the fd is gone whatever close returned (Linux). */
    static void close(int fd) {
        Libc.close(fd);
    }

    /** A non-blocking eventfd that a receiver polls next to its socket so close() can wake it. */
    static int eventFd() throws NativeException {
        return (int) Libc.check("eventfd()",
                (a, st) -> (int) Libc.EVENTFD.invokeExact(st, 0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK));
    }

    /** Adds 1 to an eventfd's counter: a poll on it returns readable. */
    static void wake(int eventFd) {
        long ignored = Libc.orErrno((a, st) -> (long) Libc.WRITE.invokeExact(st, eventFd, a.allocateFrom(JAVA_LONG, 1L), 8L));
    }
}
