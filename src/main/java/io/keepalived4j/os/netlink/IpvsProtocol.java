package io.keepalived4j.os.netlink;

import java.util.Optional;

/** The transport protocols the kernel accepts for an address:port service ({@code ip_vs_add_service}). */
public enum IpvsProtocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private final int number;

    IpvsProtocol(int number) {
        this.number = number;
    }

    /** The IP protocol number, as IPVS_SVC_ATTR_PROTOCOL carries it. */
    public int number() {
        return number;
    }

    public static Optional<IpvsProtocol> of(int number) {
        for (IpvsProtocol p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
