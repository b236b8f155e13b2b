package io.keepalived4j.os;

import java.io.IOException;
import java.util.Map;

/**
 * A libc call failed: the project's one exception type for native failures ({@code os.netlink}'s
 * {@code NetlinkException} is one too). The message names the call with its arguments, libc's
 * text for the errno, the errno's symbolic name and, where the cause is usually the same, what to
 * do about it: {@code socket(AF_INET, SOCK_RAW, 112): Operation not permitted (EPERM): need root or
 * CAP_NET_RAW}.
 */
public class NativeException extends IOException {

    private static final long serialVersionUID = 1L;

    // Linux's numbers (asm-generic/errno-base.h, errno.h); only those our calls can return.
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(4, "EINTR"),
            Map.entry(5, "EIO"), Map.entry(6, "ENXIO"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(20, "ENOTDIR"), Map.entry(21, "EISDIR"),
            Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"), Map.entry(28, "ENOSPC"),
            Map.entry(32, "EPIPE"), Map.entry(40, "ELOOP"), Map.entry(90, "EMSGSIZE"), Map.entry(92, "ENOPROTOOPT"),
            Map.entry(93, "EPROTONOSUPPORT"), Map.entry(95, "EOPNOTSUPP"), Map.entry(97, "EAFNOSUPPORT"),
            Map.entry(98, "EADDRINUSE"), Map.entry(99, "EADDRNOTAVAIL"), Map.entry(100, "ENETDOWN"),
            Map.entry(101, "ENETUNREACH"), Map.entry(105, "ENOBUFS"), Map.entry(113, "EHOSTUNREACH"));

    private final int errno;

    /** For subclasses that word their message themselves (netlink: "RTNETLINK answers: ..."). */
    protected NativeException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /**
     * @param call  the call as it would be written in C, e.g. {@code "bind(eth0, 10.0.0.1)"}
     * @param errno the captured errno
     * @param hint  what usually helps, or null
     */
    public static NativeException of(String call, int errno, String hint) {
        String text = call + ": " + Libc.strerror(errno) + " (" + errnoName(errno) + ")";
        return new NativeException(hint == null ? text : text + ": " + hint, errno);
    }

    /** A failed socket-level call: EPERM/EACCES there always mean missing privileges. */
    static NativeException ofSocketCall(String call, int errno) {
        return of(call, errno, errno == 1 || errno == 13 ? "need root or CAP_NET_RAW" : null);
    }

    /** The symbolic name, e.g. "EPERM", or "errno N" for one we do not list. */
    public static String errnoName(int errno) {
        String name = NAMES.get(errno);
        return name == null ? "errno " + errno : name;
    }

    /** The errno libc (or the kernel's netlink answer) reported. */
    public int errno() {
        return errno;
    }
}
