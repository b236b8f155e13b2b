package io.keepalived4j.os.netlink;

import java.util.Optional;

/**
 * A virtual service as IPVS_CMD_NEW_SERVICE/SET_SERVICE carry it: its key, the scheduler
 * ({@code rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh}, or another module's name), the flags,
 * the persistence timeout in seconds and granularity, and the persistence engine ("sip").
 *
 * <p>{@code netmask} is the persistence granularity as the kernel keeps it: for IPv4 the mask
 * itself ({@code 0xffffff00} for /24, sent in network order), for IPv6 the prefix length (sent in
 * host order). keepalived sends {@code 0xffffffff} / 128 when no {@code persistence_granularity}
 * is configured ({@code ipvs_set_srule} in keepalived's {@code check/ipvswrapper.c}).
 *
 * <pre>{@code
 * IpvsService web = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, vip, 80), "wrr").persistent(3600);
 * }</pre>
 */
public record IpvsService(IpvsServiceKey key, String scheduler, IpvsFlags flags, int timeout, int netmask,
                          Optional<String> persistenceEngine) {

    /** {@code IP_VS_SCHEDNAME_MAXLEN} and {@code IP_VS_PENAME_MAXLEN} are 16 with the NUL. */
    static final int NAME_MAX = 15;

    public IpvsService {
        requireName(scheduler, "scheduler");
        persistenceEngine.ifPresent(pe -> requireName(pe, "persistence engine"));
        if (key.family() == AddressFamily.AF_INET6 && (netmask < 1 || netmask > 128)) {
            throw new IllegalArgumentException("IPv6 persistence granularity is a prefix length 1..128, not " + netmask);
        }
    }

    /** No persistence, flags none, granularity one address (as keepalived without persistence_*). */
    public static IpvsService of(IpvsServiceKey key, String scheduler) {
        return new IpvsService(key, scheduler, IpvsFlags.NONE, 0, defaultNetmask(key.family()), Optional.empty());
    }

    /** {@code persistence_timeout}: sets {@link IpvsFlags#PERSISTENT} and the timeout, as keepalived does. */
    public IpvsService persistent(int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("persistence timeout must be positive: " + timeoutSeconds);
        }
        return new IpvsService(key, scheduler, flags.with(IpvsFlags.PERSISTENT), timeoutSeconds, netmask,
                persistenceEngine);
    }

    /** {@code persistence_granularity} as a prefix length (IPv4 /24 is mask 255.255.255.0). */
    public IpvsService withGranularity(int prefixLength) {
        return new IpvsService(key, scheduler, flags, timeout, netmaskFor(key.family(), prefixLength), persistenceEngine);
    }

    public IpvsService withFlags(IpvsFlags newFlags) {
        return new IpvsService(key, scheduler, newFlags, timeout, netmask, persistenceEngine);
    }

    public IpvsService withPersistenceEngine(String name) {
        return new IpvsService(key, scheduler, flags, timeout, netmask, Optional.of(name));
    }

    static int defaultNetmask(int family) {
        return family == AddressFamily.AF_INET6 ? 128 : 0xffffffff;
    }

    static int netmaskFor(int family, int prefixLength) {
        int max = family == AddressFamily.AF_INET6 ? 128 : 32;
        if (prefixLength < 1 || prefixLength > max) {
            throw new IllegalArgumentException("granularity must be a prefix length 1.." + max + ": " + prefixLength);
        }
        return family == AddressFamily.AF_INET6 ? prefixLength : (int) (0xffffffffL << (32 - prefixLength));
    }

    private static void requireName(String name, String what) {
        if (name.isEmpty() || name.length() > NAME_MAX || !name.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1 to 15 printable ASCII characters: '" + name + "'");
        }
    }
}
