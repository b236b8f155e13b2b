package io.keepalived4j.daemon.net;

import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.IfAddrMsg;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RtScope;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code virtual_ipaddress}/{@code static_ipaddress} line to {@link AddressSpec}, as keepalived
 * 2.2.7's {@code netlink_ipaddress()} builds its RTM_NEWADDR (features.md section 9):
 * <ul>
 *   <li>{@code dev IF} overrides the instance's interface;</li>
 *   <li>{@code brd IP}, {@code brd +} (all host bits set) or {@code brd -} (none);</li>
 *   <li>every IPv6 VIP gets IFA_F_NODAD: RFC 5798 section 8.3.2 has VIPs answer at once, so no
 *       Duplicate Address Detection; observed as {@code nodad} on keepalived's VIPv6s;</li>
 *   <li>an IPv6 /128 gets preferred lifetime 0 (deprecated, RFC 3484) so it is never picked as a
 *       source address, unless {@code preferred_lft} says otherwise (observed: {@code preferred_lft 0sec});</li>
 *   <li>{@code home}, {@code -nodad}, {@code mngtmpaddr}, {@code noprefixroute}, {@code autojoin} set
 *       their IFA_F_* bit; {@code peer IP} sets IFA_ADDRESS; {@code no_track}, {@code use_vmac} and
 *       {@code track_group} do not change the kernel request.</li>
 * </ul>
 */
public final class AddressConversion {

    private static final Map<String, Integer> FLAG_OPTIONS = Map.of(
            "home", IfAddrMsg.IFA_F_HOMEADDRESS, "-nodad", IfAddrMsg.IFA_F_NODAD, "nodad", IfAddrMsg.IFA_F_NODAD,
            "mngtmpaddr", IfAddrMsg.IFA_F_MANAGETEMPADDR, "noprefixroute", IfAddrMsg.IFA_F_NOPREFIXROUTE,
            "autojoin", IfAddrMsg.IFA_F_MCAUTOJOIN);

    private AddressConversion() {
    }

    /**
     * @param defaultInterface the instance's {@code interface} (or {@code default_interface} for
     *                         static addresses), used when the line has no {@code dev}
     */
    public static Conversion<AddressSpec> toSpec(VirtualAddress va, String defaultInterface, InterfaceIndex index) {
        String where = va.position() + ": address '" + text(va) + "': ";
        String dev = va.device().isEmpty() ? defaultInterface : va.device();
        if (dev == null || dev.isEmpty()) {
            return Conversion.failed(where + "no interface (no 'dev' and no instance interface)");
        }
        OptionalInt ifindex = index.indexOf(dev);
        if (ifindex.isEmpty()) {
            return Conversion.failed(where + "unknown interface " + dev);
        }
        boolean v4 = va.address() instanceof Inet4Address;
        try {
            AddressSpec spec = AddressSpec.of(new Prefix(va.address(), va.prefixLength()), ifindex.getAsInt());
            if (!va.scope().isEmpty()) {
                spec = spec.withScope(RtScope.parse(va.scope()));
            }
            if (!va.broadcast().isEmpty()) {
                if (!v4) {
                    return Conversion.failed(where + "'brd' is IPv4 only");
                }
                spec = switch (va.broadcast()) {
                    case "+" -> spec.withBroadcastPlus();
                    case "-" -> spec;
                    default -> spec.withBroadcast(numeric(va.broadcast(), where + "bad broadcast"));
                };
            }
            if (!va.label().isEmpty()) {
                if (!v4) {
                    return Conversion.failed(where + "'label' is IPv4 only");
                }
                spec = spec.withLabel(va.label());
            }
            if (!v4) {
                spec = spec.withNodad(true);
                if (va.prefixLength() == 128) {
                    spec = spec.withPreferredLifetime(0);
                }
            }
            for (String option : va.options()) {
                spec = option(spec, option, where);
            }
            return Conversion.ok(spec);
        } catch (IllegalArgumentException e) {
            return Conversion.failed(e.getMessage().startsWith(where) ? e.getMessage() : where + e.getMessage());
        }
    }

    private static AddressSpec option(AddressSpec spec, String option, String where) {
        Integer flag = FLAG_OPTIONS.get(option);
        if (flag != null) {
            return spec.withFlags(flag);
        }
        String[] kv = option.split(" ", 2);
        return switch (kv[0]) {
            case "peer" -> spec.withPeer(numeric(kv[1], where + "bad peer"));
            case "preferred_lft" -> spec.withPreferredLifetime(kv[1].equals("forever") ? AddressSpec.FOREVER
                    : parseLifetime(kv[1], where));
            case "no_track", "use_vmac", "track_group" -> spec;
            default -> throw new IllegalArgumentException(where + "unsupported option '" + option + "'");
        };
    }

    private static long parseLifetime(String text, String where) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "bad preferred_lft " + text);
        }
    }

    /** A numeric literal; {@link Prefix#parse} never resolves names, so neither does this. */
    static InetAddress numeric(String text, String what) {
        if (text.contains("/") || text.equals("default")) {
            throw new IllegalArgumentException(what + " " + text);
        }
        try {
            return Prefix.parse(text).address();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " " + text);
        }
    }

    /** The line roughly as written, for messages. */
    static String text(VirtualAddress va) {
        StringBuilder b = new StringBuilder(va.address().getHostAddress()).append('/').append(va.prefixLength());
        append(b, "dev", va.device());
        append(b, "scope", va.scope());
        append(b, "brd", va.broadcast());
        append(b, "label", va.label());
        va.options().forEach(o -> b.append(' ').append(o));
        return b.toString();
    }

    private static void append(StringBuilder b, String key, String value) {
        if (!value.isEmpty()) {
            b.append(' ').append(key).append(' ').append(value);
        }
    }
}
