package io.keepalived4j.os.netlink;

/**
 * {@code struct ip_vs_flags} (IPVS_SVC_ATTR_FLAGS): the service flags and the mask of the ones
 * this request sets. The kernel keeps its own bits outside the mask ({@code (old & ~mask) |
 * (flags & mask)}); keepalived and ipvsadm always send mask {@code ~0}, and the kernel's replies
 * too. A service in the table always has {@link #HASHED}.
 */
public record IpvsFlags(int flags, int mask) {

    public static final int PERSISTENT = 0x0001;
    /** Set by the kernel on every service it has hashed into its table; not for users to set. */
    public static final int HASHED = 0x0002;
    /** {@code ops}: one-packet scheduling (UDP). */
    public static final int ONEPACKET = 0x0004;
    public static final int SCHED1 = 0x0008;
    public static final int SCHED2 = 0x0010;
    public static final int SCHED3 = 0x0020;
    /** sh and mh: {@code sh-fallback} / {@code mh-fallback}. */
    public static final int SCHED_FALLBACK = SCHED1;
    /** sh and mh: {@code sh-port} / {@code mh-port}. */
    public static final int SCHED_PORT = SCHED2;

    public static final IpvsFlags NONE = of(0);

    /** These flags, replacing all others (mask {@code ~0}, as keepalived sends). */
    public static IpvsFlags of(int flags) {
        return new IpvsFlags(flags, 0xffffffff);
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    public IpvsFlags with(int flag) {
        return new IpvsFlags(flags | flag, mask);
    }

    /** The flags that matter for comparing a configured service with one read back (no {@link #HASHED}). */
    public IpvsFlags withoutHashed() {
        return new IpvsFlags(flags & ~HASHED, mask);
    }
}
