package io.keepalived4j.os.netlink;

/** {@code rtm_type} values ({@code RTN_*}) that keepalived's routes can name. */
public enum RouteType {
    UNICAST(1), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8), THROW(9);

    private final int code;

    RouteType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
