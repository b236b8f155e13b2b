package io.keepalived4j.os.netlink;

/** IFLA_OPERSTATE: RFC 2863 operational status, in the kernel's numbering ({@code IF_OPER_*}). */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    public static OperState of(int code) {
        OperState[] all = values();
        return code >= 0 && code < all.length ? all[code] : UNKNOWN;
    }
}
