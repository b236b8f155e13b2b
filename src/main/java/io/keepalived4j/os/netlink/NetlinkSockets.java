package io.keepalived4j.os.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** The socket-level libc steps behind {@link NetlinkSocket}: create, bind, options, close. */
final class NetlinkSockets {

    private NetlinkSockets() {}

    static int create() throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = NetlinkNative.newCallState(call);
            int fd = (int) NetlinkNative.SOCKET.invokeExact(state, NetlinkNative.AF_NETLINK,
                    NetlinkNative.SOCK_RAW | NetlinkNative.SOCK_CLOEXEC, NetlinkNative.NETLINK_ROUTE);
            if (fd < 0) {
                throw NetlinkException.ofCall("socket(AF_NETLINK)", NetlinkNative.errno(state));
            }
            return fd;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw NetlinkNative.rethrow(t);
        }
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
        int target = openReadOnly(netnsFile.toString());
        try {
            setns(target);
            return create(); // the worker thread ends right after, so it is never moved back
        } finally {
            close(target);
        }
    }

    private static int openReadOnly(String path) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = NetlinkNative.newCallState(call);
            int fd = (int) NetlinkNative.OPEN.invokeExact(state, call.allocateFrom(path),
                    NetlinkNative.O_RDONLY | NetlinkNative.O_CLOEXEC);
            if (fd < 0) {
                throw NetlinkException.ofCall("open " + path, NetlinkNative.errno(state));
            }
            return fd;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw NetlinkNative.rethrow(t);
        }
    }

    private static void setns(int nsFd) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = NetlinkNative.newCallState(call);
            if ((int) NetlinkNative.SETNS.invokeExact(state, nsFd, NetlinkNative.CLONE_NEWNET) < 0) {
                throw NetlinkException.ofCall("setns(CLONE_NEWNET)", NetlinkNative.errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw NetlinkNative.rethrow(t);
        }
    }

    /** Binds to a kernel-chosen port id with the given multicast groups; returns that port id. */
    static int bind(int fd, int groups) throws NetlinkException {
        // Best effort: kernels before 4.12 lack extended ACKs, and errors still work without them.
        try {
            setInt(fd, NetlinkNative.SOL_NETLINK, NetlinkNative.NETLINK_EXT_ACK, 1);
        } catch (NetlinkException ignored) {
            // only the reason text of errors is lost
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = NetlinkNative.newCallState(call);
            MemorySegment addr = call.allocate(NetlinkNative.SOCKADDR_NL_SIZE, 4);
            addr.set(JAVA_SHORT, 0, (short) NetlinkNative.AF_NETLINK);
            addr.set(JAVA_INT, 8, groups);
            if ((int) NetlinkNative.BIND.invokeExact(state, fd, addr, NetlinkNative.SOCKADDR_NL_SIZE) < 0) {
                throw NetlinkException.ofCall("bind(AF_NETLINK)", NetlinkNative.errno(state));
            }
            MemorySegment len = call.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, NetlinkNative.SOCKADDR_NL_SIZE);
            if ((int) NetlinkNative.GETSOCKNAME.invokeExact(state, fd, addr, len) < 0) {
                throw NetlinkException.ofCall("getsockname", NetlinkNative.errno(state));
            }
            return addr.get(JAVA_INT, 4);
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw NetlinkNative.rethrow(t);
        }
    }

    static void setInt(int fd, int level, int option, int value) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment v = call.allocate(JAVA_INT);
            v.set(JAVA_INT, 0, value);
            setsockopt(call, fd, level, option, v);
        }
    }

    /** struct timeval on x86-64/aarch64: two longs, seconds and microseconds. */
    static void setTimeval(int fd, int option, long seconds, long micros) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment tv = call.allocate(16, 8);
            tv.set(JAVA_LONG, 0, seconds);
            tv.set(JAVA_LONG, 8, micros);
            setsockopt(call, fd, NetlinkNative.SOL_SOCKET, option, tv);
        }
    }

    private static void setsockopt(Arena call, int fd, int level, int option, MemorySegment value)
            throws NetlinkException {
        try {
            MemorySegment state = NetlinkNative.newCallState(call);
            if ((int) NetlinkNative.SETSOCKOPT.invokeExact(state, fd, level, option, value, (int) value.byteSize()) < 0) {
                throw NetlinkException.ofCall("setsockopt(" + level + ", " + option + ")", NetlinkNative.errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw NetlinkNative.rethrow(t);
        }
    }

    static void close(int fd) {
        try (Arena call = Arena.ofConfined()) {
            int ignored = (int) NetlinkNative.CLOSE.invokeExact(NetlinkNative.newCallState(call), fd);
        } catch (Throwable t) {
            throw NetlinkNative.rethrow(t);
        }
    }
}
