package io.keepalived4j.os.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An address to add or delete, covering keepalived's {@code virtual_ipaddress} line
 * {@code ADDR[/LEN] [dev IF] [scope S] [brd IP|+|-] [label L] [peer IP] [home] [-nodad] [mngtmpaddr]
 * [noprefixroute] [autojoin] [preferred_lft N]}.
 *
 * <pre>{@code
 * AddressSpec vip = AddressSpec.of(Prefix.parse("192.0.2.10/24"), ifindex)
 *         .withBroadcastPlus().withLabel("eth0:vip").withScope(RtScope.parse("global"));
 * AddressSpec vip6 = AddressSpec.of(Prefix.parse("2001:db8::10"), ifindex).withNodad(true);
 * }</pre>
 *
 * @param prefix            address and prefix length (/32 or /128 when the config gave none)
 * @param ifindex           the interface ({@code dev})
 * @param broadcast         IPv4 broadcast ({@code brd}); empty for none ({@code brd -} or absent)
 * @param label             IPv4 label, at most 15 characters; by convention {@code dev:suffix}
 * @param scope             {@link RtScope} value, global by default
 * @param peer              the other end of a point-to-point address ({@code peer}), sent as IFA_ADDRESS
 * @param flags             IFA_F_* bits: {@link IfAddrMsg#IFA_F_NODAD} (keepalived adds VIPv6 with it),
 *                          HOMEADDRESS, MANAGETEMPADDR, NOPREFIXROUTE, MCAUTOJOIN
 * @param preferredLifetime seconds, or {@link #FOREVER}; keepalived gives a VIPv6 /128 zero
 *                          (deprecated, so it is never chosen as a source) unless told otherwise
 */
public record AddressSpec(Prefix prefix, int ifindex, Optional<InetAddress> broadcast, Optional<String> label,
                          Optional<InetAddress> peer, int scope, int flags, long preferredLifetime) {

    /** INFINITY_LIFE_TIME, the kernel's "forever". */
    public static final long FOREVER = 0xffff_ffffL;
    static final int IFNAMSIZ = 16;

    public AddressSpec {
        if (label.isPresent() && (ipv6(prefix) || label.get().length() >= IFNAMSIZ)) {
            throw new IllegalArgumentException("a label is IPv4 only and at most 15 characters: " + label.get());
        }
        if (broadcast.isPresent() && ipv6(prefix)) {
            throw new IllegalArgumentException("broadcast is IPv4 only");
        }
        peer.ifPresent(p -> {
            if (AddressFamily.of(p) != prefix.family()) {
                throw new IllegalArgumentException("peer " + p.getHostAddress() + " is not of the family of " + prefix);
            }
        });
        if (preferredLifetime < 0 || preferredLifetime > FOREVER) {
            throw new IllegalArgumentException("preferred lifetime out of range: " + preferredLifetime);
        }
    }

    /** Global scope, no broadcast or label, DAD on, preferred forever. */
    public static AddressSpec of(Prefix prefix, int ifindex) {
        return new AddressSpec(prefix, ifindex, Optional.empty(), Optional.empty(), Optional.empty(), RtScope.UNIVERSE, 0,
                FOREVER);
    }

    public AddressSpec withBroadcast(InetAddress brd) {
        return new AddressSpec(prefix, ifindex, Optional.of(brd), label, peer, scope, flags, preferredLifetime);
    }

    /** {@code brd +}: the prefix's all-ones host address. */
    public AddressSpec withBroadcastPlus() {
        return withBroadcast(prefix.broadcast());
    }

    public AddressSpec withLabel(String l) {
        return new AddressSpec(prefix, ifindex, broadcast, Optional.of(l), peer, scope, flags, preferredLifetime);
    }

    public AddressSpec withScope(int s) {
        return new AddressSpec(prefix, ifindex, broadcast, label, peer, s, flags, preferredLifetime);
    }

    public AddressSpec withPeer(InetAddress p) {
        return new AddressSpec(prefix, ifindex, broadcast, label, Optional.of(p), scope, flags, preferredLifetime);
    }

    /** Adds IFA_F_* bits. */
    public AddressSpec withFlags(int bits) {
        return new AddressSpec(prefix, ifindex, broadcast, label, peer, scope, flags | bits, preferredLifetime);
    }

    public AddressSpec withNodad(boolean n) {
        int f = n ? flags | IfAddrMsg.IFA_F_NODAD : flags & ~IfAddrMsg.IFA_F_NODAD;
        return new AddressSpec(prefix, ifindex, broadcast, label, peer, scope, f, preferredLifetime);
    }

    public boolean nodad() {
        return (flags & IfAddrMsg.IFA_F_NODAD) != 0;
    }

    public AddressSpec withPreferredLifetime(long seconds) {
        return new AddressSpec(prefix, ifindex, broadcast, label, peer, scope, flags, seconds);
    }

    public int family() {
        return prefix.family();
    }

    @Override
    public String toString() {
        return prefix + " dev " + ifindex + broadcast.map(b -> " brd " + b.getHostAddress()).orElse("")
                + peer.map(p -> " peer " + p.getHostAddress()).orElse("") + " scope " + RtScope.name(scope) + label.map(l -> " label " + l).orElse("") + (nodad() ? " nodad" : "");
    }

    private static boolean ipv6(Prefix p) {
        return p.address() instanceof Inet6Address;
    }
}
