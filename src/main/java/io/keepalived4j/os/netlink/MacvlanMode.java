package io.keepalived4j.os.netlink;

/**
 * IFLA_MACVLAN_MODE values. keepalived's {@code use_vmac} makes PRIVATE macvlans by default, so
 * VMACs on one parent cannot talk to each other; {@code vmac_xmit_base}-style setups use BRIDGE.
 */
public enum MacvlanMode {
    PRIVATE(1), VEPA(2), BRIDGE(4), PASSTHRU(8), SOURCE(16);

    private final int code;

    MacvlanMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
