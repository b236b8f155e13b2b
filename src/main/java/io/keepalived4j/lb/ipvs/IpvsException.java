package io.keepalived4j.lb.ipvs;

/**
 * The kernel refused or could not be asked: {@code errno} as the kernel answered (EEXIST, ENOENT,
 * ESRCH...), 0 when the failure was not the kernel's answer, and what was being done.
 */
public final class IpvsException extends Exception {

    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;

    private final int errno;

    public IpvsException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The service or destination is not (or no longer) there: someone changed the table behind us. */
    public boolean missing() {
        return errno == ENOENT || errno == ESRCH;
    }
}
