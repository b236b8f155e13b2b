package io.keepalived4j.daemon.net;

import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.RouteType;
import io.keepalived4j.os.netlink.RtScope;

import java.net.InetAddress;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@code virtual_routes}/{@code static_routes} line to {@link RouteSpec}, for the common forms
 * of keepalived's route syntax (features.md section 9):
 * {@code [blackhole|unreachable|prohibit|throw] [src IP] [to] PREFIX|default [via|gw IP] [dev IF]
 * [table T] [metric|priority|preference N] [scope S] [proto P] [inet6] [no_track] [add|append]}.
 * The line's {@link StaticRoute#text() text} is parsed, since the typed fields leave out src,
 * metric, scope and proto. Anything else ({@code nexthop}, {@code mtu}, {@code encap}...) is a
 * {@link Conversion.Failed} naming the word, never a silently different route.
 *
 * <p>Routes are marked {@code proto keepalived} (18) unless {@code proto} says otherwise, as
 * keepalived 2.2.7 does ({@code ip route} shows {@code proto keepalived}).
 */
public final class RouteConversion {

    private RouteConversion() {
    }

    public static Conversion<RouteSpec> toSpec(StaticRoute route, InterfaceIndex index) {
        RouteWords w = new RouteWords("route", route.text(), route.position());
        try {
            return Conversion.ok(parse(w, index));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            return Conversion.failed(m.startsWith(w.where()) ? m : w.where() + m);
        }
    }

    private static RouteSpec parse(RouteWords w, InterfaceIndex index) {
        String dest = null;
        InetAddress via = null;
        InetAddress src = null;
        String dev = null;
        RouteType type = RouteType.UNICAST;
        int table = -1;
        long metric = -1;
        int scope = -1;
        int protocol = RouteWords.RTPROT_KEEPALIVED;
        boolean inet6 = false;
        while (w.hasNext()) {
            String k = w.next();
            switch (k) {
                case "blackhole", "unreachable", "prohibit", "throw" -> type = RouteType.valueOf(k.toUpperCase(Locale.ROOT));
                case "src" -> src = address(w, w.value(k));
                case "to" -> dest = w.value(k);
                case "via", "gw" -> via = address(w, w.value(k));
                case "dev", "oif" -> dev = w.value(k);
                case "table" -> table = w.table(w.value(k));
                case "metric", "priority", "preference" -> metric = w.number(w.value(k), k, 0, 0xffff_ffffL);
                case "scope" -> scope = scope(w, w.value(k));
                case "proto", "protocol" -> protocol = w.protocol(w.value(k));
                case "inet6" -> inet6 = true;
                case "no_track", "add", "append" -> {
                }
                case "track_group" -> w.value(k);
                default -> {
                    if (dest != null || !(k.equals("default") || Character.isDigit(k.charAt(0)) || k.contains(":"))) {
                        throw w.unsupported(k);
                    }
                    dest = k;
                }
            }
        }
        if (dest == null) {
            throw w.error("no destination");
        }
        int family = inet6 || isV6(via) || isV6(src) ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
        RouteSpec spec = RouteSpec.to(destination(w, dest, family)).type(type).protocol(protocol);
        if (via != null) {
            spec = spec.via(via);
        }
        if (src != null) {
            spec = spec.src(src);
        }
        if (dev != null) {
            OptionalInt ifindex = index.indexOf(dev);
            if (ifindex.isEmpty()) {
                throw w.error("unknown interface " + dev);
            }
            spec = spec.dev(ifindex.getAsInt());
        }
        if (type == RouteType.UNICAST && via == null && dev == null) {
            throw w.error("a unicast route needs 'via' or 'dev'");
        }
        spec = table > 0 ? spec.table(table) : spec;
        return spec.metric(metric).scope(scope);
    }

    private static Prefix destination(RouteWords w, String dest, int family) {
        if (dest.equals("default")) {
            return Prefix.defaultRoute(family);
        }
        try {
            return Prefix.parse(dest);
        } catch (RuntimeException e) {
            throw w.error("bad destination '" + dest + "'");
        }
    }

    private static InetAddress address(RouteWords w, String text) {
        try {
            return AddressConversion.numeric(text, "bad address");
        } catch (IllegalArgumentException e) {
            throw w.error("bad address '" + text + "' at word " + w.wordNumber());
        }
    }

    private static int scope(RouteWords w, String text) {
        try {
            return RtScope.parse(text);
        } catch (RuntimeException e) {
            throw w.error("bad scope '" + text + "' at word " + w.wordNumber());
        }
    }

    private static boolean isV6(InetAddress a) {
        return a != null && AddressFamily.of(a) == AddressFamily.AF_INET6;
    }

    /** For log lines and {@link NetResult#item()}: the spec as {@code ip route} would take it. */
    static String describe(RouteSpec spec) {
        return spec.toString() + spec.src().map(s -> " src " + s.getHostAddress()).orElse("");
    }
}
