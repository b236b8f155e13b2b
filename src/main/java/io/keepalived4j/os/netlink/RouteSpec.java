package io.keepalived4j.os.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A route of keepalived's {@code virtual_routes}/{@code static_routes}, in its common forms:
 * {@code [src IP] PREFIX|default [via IP] [dev IF] [table N] [metric N] [scope S] [proto P]}
 * or {@code blackhole|unreachable|prohibit PREFIX}.
 *
 * <pre>{@code
 * RouteSpec r = RouteSpec.to(Prefix.parse("198.51.100.0/24")).via(gw).dev(ifindex).table(100).metric(5);
 * }</pre>
 *
 * @param destination the prefix; {@code 0.0.0.0/0} or {@code ::/0} is the default route
 * @param via         gateway (RTA_GATEWAY)
 * @param ifindex     output interface (RTA_OIF), 0 for none
 * @param src         preferred source (RTA_PREFSRC)
 * @param table       table id; {@link RtMsg#RT_TABLE_MAIN} by default
 * @param metric      RTA_PRIORITY, -1 for none
 * @param scope       {@link RtScope} value, -1 to choose as {@code ip route} does
 * @param protocol    {@code proto}; {@link RtMsg#RTPROT_BOOT} by default, like {@code ip route add}
 * @param type        unicast, or a blackhole-like type that needs no gateway or device
 */
public record RouteSpec(Prefix destination, Optional<InetAddress> via, int ifindex, Optional<InetAddress> src,
                        int table, long metric, int scope, int protocol, RouteType type) {

    public RouteSpec {
        via.ifPresent(g -> requireFamily(destination, g, "via"));
        src.ifPresent(s -> requireFamily(destination, s, "src"));
        if (table < 1 || metric < -1 || metric > 0xffff_ffffL || scope < -1 || scope > 255 || protocol < 0
                || protocol > 255) {
            throw new IllegalArgumentException("table, metric, scope or proto out of range");
        }
    }

    public static RouteSpec to(Prefix destination) {
        return new RouteSpec(destination, Optional.empty(), 0, Optional.empty(), RtMsg.RT_TABLE_MAIN, -1, -1,
                RtMsg.RTPROT_BOOT, RouteType.UNICAST);
    }

    public RouteSpec via(InetAddress gateway) {
        return new RouteSpec(destination, Optional.of(gateway), ifindex, src, table, metric, scope, protocol, type);
    }

    public RouteSpec dev(int index) {
        return new RouteSpec(destination, via, index, src, table, metric, scope, protocol, type);
    }

    public RouteSpec src(InetAddress source) {
        return new RouteSpec(destination, via, ifindex, Optional.of(source), table, metric, scope, protocol, type);
    }

    public RouteSpec table(int id) {
        return new RouteSpec(destination, via, ifindex, src, id, metric, scope, protocol, type);
    }

    public RouteSpec metric(long m) {
        return new RouteSpec(destination, via, ifindex, src, table, m, scope, protocol, type);
    }

    public RouteSpec scope(int s) {
        return new RouteSpec(destination, via, ifindex, src, table, metric, s, protocol, type);
    }

    public RouteSpec protocol(int p) {
        return new RouteSpec(destination, via, ifindex, src, table, metric, scope, p, type);
    }

    public RouteSpec type(RouteType t) {
        return new RouteSpec(destination, via, ifindex, src, table, metric, scope, protocol, t);
    }

    public int family() {
        return destination.family();
    }

    @Override
    public String toString() {
        return (type == RouteType.UNICAST ? "" : type.name().toLowerCase(java.util.Locale.ROOT) + " ") + destination
                + via.map(g -> " via " + g.getHostAddress()).orElse("") + (ifindex > 0 ? " dev " + ifindex : "")
                + " table " + table + (metric >= 0 ? " metric " + metric : "");
    }

    private static void requireFamily(Prefix destination, InetAddress other, String what) {
        if (AddressFamily.of(other) != destination.family()) {
            throw new IllegalArgumentException(what + " " + other.getHostAddress() + " is not of the family of " + destination);
        }
    }
}
