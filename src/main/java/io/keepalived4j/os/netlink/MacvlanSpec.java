package io.keepalived4j.os.netlink;

/**
 * A macvlan to create for keepalived's {@code use_vmac}.
 *
 * <pre>{@code
 * rt.createMacvlan(new MacvlanSpec("vrrp.51", parentIndex, MacAddress.vrrp(51, false), MacvlanMode.PRIVATE));
 * }</pre>
 *
 * @param name        at most 15 characters (keepalived's default is {@code vrrp.VRID})
 * @param parentIndex the interface it sits on (IFLA_LINK)
 * @param mac         usually {@link MacAddress#vrrp(int, boolean)}
 * @param mode        PRIVATE is keepalived's default
 */
public record MacvlanSpec(String name, int parentIndex, MacAddress mac, MacvlanMode mode) {

    public MacvlanSpec {
        if (name.isEmpty() || name.length() >= AddressSpec.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1..15 characters: " + name);
        }
    }
}
