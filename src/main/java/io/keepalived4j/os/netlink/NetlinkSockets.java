package io.keepalived4j.os.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.keepalived4j.os.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** The socket-level libc steps behind {@link NetlinkSocket}: create, bind, options, close. */
final class NetlinkSockets {

    static final int NETLINK_ROUTE = 0;
    /** Generic netlink (the IPVS family, nlctrl). */
    static final int NETLINK_GENERIC = 16;
    /** Ask the kernel for extended ACKs: a human-readable reason with an error (Linux 4.12+). */
    static final int NETLINK_EXT_ACK = 11;
    /** struct sockaddr_nl: u16 nl_family, u16 nl_pad, u32 nl_pid, u32 nl_groups. */
    static final int SOCKADDR_NL_SIZE = 12;

    private NetlinkSockets() {}

    static int create() throws NetlinkException {
        return create(NETLINK_ROUTE);
    }

    static int create(int protocol) throws NetlinkException {
        return (int) check("socket(AF_NETLINK)", (a, st) -> (int) Libc.SOCKET.invokeExact(st, Libc.AF_NETLINK,
                Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol));
    }

    /**
     * Creates the socket inside another network namespace. A socket belongs to the namespace its
     * creator was in when it was made, and setns(2) moves only the calling OS thread, so this
     * runs on a throw-away platform thread and never moves a thread the JVM keeps using.
     */
    static int createIn(Path netnsFile) throws NetlinkException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("k4j-netns-socket").start(() -> {
            try {
                result.set(createInCurrentThread(netnsFile));
            } catch (NetlinkException | RuntimeException e) {
                result.set(e);
            }
        });
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a netlink socket", e);
        }
        return switch (result.get()) {
            case Integer fd -> fd;
            case NetlinkException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("no result from netns worker");
        };
    }

    private static int createInCurrentThread(Path netnsFile) throws NetlinkException {
        String path = netnsFile.toString();
        int target = (int) check("open " + path, (a, st) -> (int) Libc.OPEN.invokeExact(st, a.allocateFrom(path),
                Libc.O_RDONLY | Libc.O_CLOEXEC, 0));
        try {
            check("setns(CLONE_NEWNET)", (a, st) -> (int) Libc.SETNS.invokeExact(st, target, Libc.CLONE_NEWNET));
            return create(); // the worker thread ends right after, so it is never moved back
        } finally {
            close(target);
        }
    }

    /** Binds to a kernel-chosen port id with the given multicast groups; returns that port id. */
    static int bind(int fd, int groups) throws NetlinkException {
        // Best effort: kernels before 4.12 lack extended ACKs, and errors still work without them.
        try {
            setInt(fd, Libc.SOL_NETLINK, NETLINK_EXT_ACK, 1);
        } catch (NetlinkException ignored) {
            // only the reason text of errors is lost
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(SOCKADDR_NL_SIZE, 4);
            addr.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            addr.set(JAVA_INT, 8, groups);
            check("bind(AF_NETLINK)", (a, st) -> (int) Libc.BIND.invokeExact(st, fd, addr, SOCKADDR_NL_SIZE));
            MemorySegment len = arena.allocateFrom(JAVA_INT, SOCKADDR_NL_SIZE);
            check("getsockname", (a, st) -> (int) Libc.GETSOCKNAME.invokeExact(st, fd, addr, len));
            return addr.get(JAVA_INT, 4);
        }
    }

    static void setInt(int fd, int level, int option, int value) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            setsockopt(fd, level, option, arena.allocateFrom(JAVA_INT, value));
        }
    }

    /** struct timeval on x86-64/aarch64: two longs, seconds and microseconds. */
    static void setTimeval(int fd, int option, long seconds, long micros) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tv = arena.allocate(16, 8);
            tv.set(JAVA_LONG, 0, seconds);
            tv.set(JAVA_LONG, 8, micros);
            setsockopt(fd, Libc.SOL_SOCKET, option, tv);
        }
    }

    private static void setsockopt(int fd, int level, int option, MemorySegment value) throws NetlinkException {
        check("setsockopt(" + level + ", " + option + ")",
                (a, st) -> (int) Libc.SETSOCKOPT.invokeExact(st, fd, level, option, value, (int) value.byteSize()));
    }

    static void close(int fd) {
        Libc.close(fd);
    }

    /** One libc call whose failure reads as the C library's perror, in netlink's exception. */
    private static long check(String what, Libc.Call call) throws NetlinkException {
        return Libc.check(call, errno -> NetlinkException.ofCall(what, errno));
    }
}
