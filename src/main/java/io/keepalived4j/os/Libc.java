package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.function.IntFunction;

/**
 * The one binding of libc for the whole project (STYLE 11): one {@link Linker}, one way to capture
 * {@code errno}, one exception type ({@link NativeException}, which {@code os.netlink}'s exception
 * extends). Every other class that needs a libc call uses a handle from here, in {@code os} or its
 * subpackages, and nothing outside {@code os} calls native code.
 *
 * <p>Every handle that can fail captures {@code errno} right after the call
 * ({@link Linker.Option#captureCallState}): the JVM itself may call libc between our call and a
 * later {@code errno} read, so reading it later would be wrong. Callers pass a capture segment from
 * {@link #newCallState(Arena)} as the first argument. Set-up paths use {@link #check}, which
 * allocates, calls and turns a failure into an exception; per-packet paths keep their own capture
 * segment and read {@link #errno} themselves, allocating nothing.
 *
 * <p>Constants are Linux's (identical on x86_64 and aarch64, the platforms keepalived4j targets,
 * except where a comment says otherwise).
 */
public final class Libc {

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    /** SO_TIMESTAMPNS (and its control message, SCM_TIMESTAMPNS): the kernel's receive time, CLOCK_REALTIME timespec. */
    public static final int SO_TIMESTAMPNS = 35;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_ATTACH_FILTER = 26;
    public static final int SOL_NETLINK = 270;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_ICMPV6 = 58;
    /** Level of a raw IPv4 socket's own options ({@link #ICMP_FILTER}). */
    public static final int SOL_RAW = 255;
    /** Raw IPv4 ICMP sockets: a 32-bit mask of the ICMP types the kernel drops (linux/icmp.h). */
    public static final int ICMP_FILTER = 1;
    /** Raw ICMPv6 sockets (level IPPROTO_ICMPV6): 256 bits, one per type, set = blocked (linux/icmpv6.h). */
    public static final int ICMPV6_FILTER = 1;
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_PKTINFO = 8;
    public static final int IP_RECVTTL = 12;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IP_MULTICAST_LOOP = 34;
    public static final int IP_ADD_MEMBERSHIP = 35;
    public static final int IP_DROP_MEMBERSHIP = 36;
    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int IPV6_MULTICAST_LOOP = 19;
    public static final int IPV6_ADD_MEMBERSHIP = 20;
    public static final int IPV6_DROP_MEMBERSHIP = 21;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPV6_TCLASS = 67;
    public static final int MSG_DONTROUTE = 4;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final short POLLIN = 1;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_NOCTTY = 0x100;
    public static final int O_TRUNC = 0x200;
    public static final int O_NONBLOCK = 0x800;
    /** The one open flag that differs between the two: 0x8000 on aarch64, 0x20000 on x86_64. */
    public static final int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0x8000 : 0x20000;
    public static final int O_CLOEXEC = 0x80000;
    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int LOCK_EX = 2;
    public static final int LOCK_NB = 4;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final long SIOCGIFHWADDR = 0x8927;
    public static final int SIGKILL = 9;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;
    public static final int RLIMIT_RTTIME = 15;
    public static final int CLOCK_MONOTONIC = 1;

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ELOOP = 40;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EWOULDBLOCK = EAGAIN;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    // --- sockets
    /** int socket(int domain, int type, int protocol) */
    public static final MethodHandle SOCKET = errno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** int bind(int fd, const struct sockaddr *addr, socklen_t len) */
    public static final MethodHandle BIND = errno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** int getsockname(int fd, struct sockaddr *addr, socklen_t *len) */
    public static final MethodHandle GETSOCKNAME = errno("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** int setsockopt(int fd, int level, int name, const void *value, socklen_t len) */
    public static final MethodHandle SETSOCKOPT = errno("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen) */
    public static final MethodHandle SENDTO = errno("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    /** ssize_t recv(int fd, void *buf, size_t len, int flags) */
    public static final MethodHandle RECV = errno("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** ssize_t recvmsg(int fd, struct msghdr *msg, int flags) */
    public static final MethodHandle RECVMSG = errno("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    /** int poll(struct pollfd *fds, nfds_t n, int timeoutMillis) */
    public static final MethodHandle POLL = errno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout, const sigset_t *sigmask) */
    public static final MethodHandle PPOLL = errno("ppoll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    /** int eventfd(unsigned initval, int flags) */
    public static final MethodHandle EVENTFD = errno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    // --- interfaces and namespaces
    /** unsigned if_nametoindex(const char *name): 0 on failure */
    public static final MethodHandle IF_NAMETOINDEX = errno("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** char *if_indextoname(unsigned index, char *buf): NULL on failure */
    public static final MethodHandle IF_INDEXTONAME = errno("if_indextoname", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
    /** int ioctl(int fd, unsigned long request, void *arg): variadic in C, the third argument is the pointer. */
    public static final MethodHandle IOCTL = variadic("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), 2);
    /** int setns(int fd, int nstype) */
    public static final MethodHandle SETNS = errno("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** int getifaddrs(struct ifaddrs **out) */
    public static final MethodHandle GETIFADDRS = errno("getifaddrs", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** void freeifaddrs(struct ifaddrs *list) */
    public static final MethodHandle FREEIFADDRS = LINKER.downcallHandle(find("freeifaddrs"), FunctionDescriptor.ofVoid(ADDRESS));

    // --- files
    /** int open(const char *path, int flags, ...): the mode is the variadic third argument. */
    public static final MethodHandle OPEN = variadic("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 2);
    /** int close(int fd) */
    public static final MethodHandle CLOSE = errno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** ssize_t read(int fd, void *buf, size_t n) */
    public static final MethodHandle READ = errno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /** ssize_t write(int fd, const void *buf, size_t n) */
    public static final MethodHandle WRITE = errno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /** ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) */
    public static final MethodHandle PWRITE = errno("pwrite", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    /** int ftruncate(int fd, off_t length) */
    public static final MethodHandle FTRUNCATE = errno("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    /** int flock(int fd, int operation) */
    public static final MethodHandle FLOCK = errno("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** int mkfifo(const char *path, mode_t mode) */
    public static final MethodHandle MKFIFO = errno("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /**
     * int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *buf): unlike
     * struct stat, struct statx has one layout on every architecture.
     */
    public static final MethodHandle STATX = errno("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));

    // --- processes, scheduling, users
    /** int kill(pid_t pid, int sig) */
    public static final MethodHandle KILL = errno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param) */
    public static final MethodHandle SCHED_SETSCHEDULER = errno("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** int sched_getscheduler(pid_t pid) */
    public static final MethodHandle SCHED_GETSCHEDULER = errno("sched_getscheduler", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** int sched_getparam(pid_t pid, struct sched_param *param): the struct is one int. */
    public static final MethodHandle SCHED_GETPARAM = errno("sched_getparam", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** int setpriority(int which, id_t who, int prio) */
    public static final MethodHandle SETPRIORITY = errno("setpriority",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** int clock_gettime(clockid_t clock, struct timespec *ts): two 64-bit fields on x86_64 and aarch64. */
    public static final MethodHandle CLOCK_GETTIME = errno("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** int mlockall(int flags) */
    public static final MethodHandle MLOCKALL = errno("mlockall", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** mode_t umask(mode_t mask): never fails. */
    public static final MethodHandle UMASK = LINKER.downcallHandle(find("umask"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** int setrlimit(int resource, const struct rlimit *rlim): two rlim_t (64-bit) values. */
    public static final MethodHandle SETRLIMIT = errno("setrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** struct passwd *getpwnam(const char *name): a static buffer, callers serialise. */
    public static final MethodHandle GETPWNAM = LINKER.downcallHandle(find("getpwnam"), FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** struct group *getgrnam(const char *name): a static buffer, callers serialise. */
    public static final MethodHandle GETGRNAM = LINKER.downcallHandle(find("getgrnam"), FunctionDescriptor.of(ADDRESS, ADDRESS));

    /** char *strerror(int errnum): only called while building an exception message. */
    private static final MethodHandle STRERROR = LINKER.downcallHandle(find("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    /** One errno-capturing call made by {@link #check}: it may allocate its arguments in {@code arena}. */
    @FunctionalInterface
    public interface Call {
        long invoke(Arena arena, MemorySegment callState) throws Throwable;
    }

    /**
     * Makes one set-up call in a short-lived arena: a negative result becomes the exception that
     * {@code failure} builds from the captured errno; otherwise the result is returned.
     */
    public static <E extends NativeException> long check(Call call, IntFunction<E> failure) throws E {
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newCallState(arena);
            long r = call.invoke(arena, state);
            if (r >= 0) {
                return r;
            }
            errno = errno(state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        throw failure.apply(errno);
    }

    /** {@link #check} for a call whose failure is reported as "{@code what}: strerror (ENAME)". */
    public static long check(String what, Call call) throws NativeException {
        return check(call, e -> NativeException.of(what, e, null));
    }

    /** Makes one call whose result is {@code -errno} on failure: for callers that decide per errno. */
    public static long orErrno(Call call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = newCallState(arena);
            long r = call.invoke(arena, state);
            return r < 0 ? -errno(state) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** close(2), ignoring errors: after close the fd is gone whatever close returned (Linux). */
    public static void close(int fd) {
        long ignored = orErrno((a, st) -> (int) CLOSE.invokeExact(st, fd));
    }

    /** A segment to pass as the first argument of every errno-capturing handle. */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The errno the last call that used {@code callState} left. */
    public static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /** libc's text for an errno, e.g. "Operation not permitted". */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** Rethrows what a downcall threw (only errors are possible: FFM handles declare no checked exceptions). */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    private static MethodHandle errno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(find(name), descriptor, CAPTURE_ERRNO);
    }

    private static MethodHandle variadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
        return LINKER.downcallHandle(find(name), descriptor, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(firstVariadic));
    }

    private static MemorySegment find(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name));
    }
}
