package io.keepalived4j.os.netlink;

import io.keepalived4j.os.Libc;
import io.keepalived4j.os.NativeException;
import java.util.Optional;

/**
 * A netlink call that failed with an errno, either from a libc call or from the kernel's
 * NLMSG_ERROR answer. The message reads as {@code ip} prints it ("RTNETLINK answers: File
 * exists"), so the daemon's logs look like the commands an operator would have typed; the
 * kernel's extended-ACK reason, when there is one, follows in parentheses ("RTNETLINK answers:
 * File exists (ipv4: Address already assigned)"); recent {@code ip} prints only that reason.
 *
 * <pre>{@code
 * try { rt.addAddress(vip); }
 * catch (NetlinkException e) { if (!e.alreadyExists()) throw e; }
 * }</pre>
 */
public final class NetlinkException extends NativeException {

    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENOBUFS = 105;

    private final String operation;
    private final Optional<String> kernelMessage;

    NetlinkException(int errno, String operation, Optional<String> kernelMessage) {
        this(errno, operation, kernelMessage, text(errno, kernelMessage));
    }

    private NetlinkException(int errno, String operation, Optional<String> kernelMessage, String message) {
        super(message, errno);
        this.operation = operation;
        this.kernelMessage = kernelMessage;
    }

    /** For libc failures (socket, bind, recv...), worded like the C library's perror. */
    static NetlinkException ofCall(String call, int errno) {
        return new NetlinkException(errno, call, Optional.empty(), call + ": " + Libc.strerror(errno));
    }

    private static String text(int errno, Optional<String> kernelMessage) {
        String answer = "RTNETLINK answers: " + Libc.strerror(errno);
        return kernelMessage.map(m -> answer + " (" + m + ")").orElse(answer);
    }

    /** What was being done, e.g. "add address 192.0.2.1/32 dev 3", for the caller's log line. */
    public String operation() {
        return operation;
    }

    public Optional<String> kernelMessage() {
        return kernelMessage;
    }

    /** EEXIST: the address, route, rule or link is already there. */
    public boolean alreadyExists() {
        return errno() == EEXIST;
    }

    /** The object to delete was not there (EADDRNOTAVAIL for addresses, ESRCH routes, ENOENT rules). */
    public boolean notFound() {
        int e = errno();
        return e == EADDRNOTAVAIL || e == ESRCH || e == ENOENT || e == ENODEV;
    }
}
