package io.keepalived4j.os.netlink;

import java.util.Optional;

/**
 * How IPVS forwards to a destination ({@code IP_VS_CONN_F_FWD_MASK} of ip_vs.h), keepalived's
 * {@code lb_kind}: NAT is MASQ, DR is ROUTE, TUN is TUNNEL.
 */
public enum IpvsForwarding {
    MASQ(0),
    LOCAL(1),
    TUNNEL(2),
    ROUTE(3),
    BYPASS(4);

    private final int code;

    IpvsForwarding(int code) {
        this.code = code;
    }

    /** The value of IPVS_DEST_ATTR_FWD_METHOD. */
    public int code() {
        return code;
    }

    public static Optional<IpvsForwarding> of(int code) {
        for (IpvsForwarding f : values()) {
            if (f.code == code) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
