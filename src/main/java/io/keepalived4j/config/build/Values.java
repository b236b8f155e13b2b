package io.keepalived4j.config.build;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Parsers for keepalived's value types. Each reports a bad value as a diagnostic in keepalived's
 * terms (status {@link KaStatus#INVALID_NUMBER} or {@link KaStatus#GENERAL_ERROR}, both exit 5)
 * and returns empty; nothing here throws on bad input.
 */
public final class Values {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.\\-]+)?$");

    private Values() {
    }

    /** An integer in [min, max], e.g. priority 1..255. */
    public static OptionalLong integer(String text, long min, long max, String what, Position pos, Diagnostics d) {
        long v;
        try {
            v = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            d.error(KaStatus.INVALID_NUMBER, pos, "not-a-number", what + " '" + text + "' is not a number", text,
                    "expected an integer in " + min + ".." + max);
            return OptionalLong.empty();
        }
        if (v < min || v > max) {
            d.error(KaStatus.INVALID_NUMBER, pos, "out-of-range", what + " '" + text + "' outside range " + min + ".." + max,
                    text, "use a value from " + min + " to " + max);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /** A decimal number of seconds in [min, max] (keepalived's timers have microsecond resolution). */
    public static OptionalDouble seconds(String text, double min, double max, String what, Position pos, Diagnostics d) {
        double v;
        try {
            v = Double.parseDouble(text);
            if (Double.isNaN(v) || Double.isInfinite(v) || text.endsWith("d") || text.endsWith("f")
                    || text.toLowerCase(Locale.ROOT).contains("x")) {
                throw new NumberFormatException(text);
            }
        } catch (NumberFormatException e) {
            d.error(KaStatus.INVALID_NUMBER, pos, "not-a-number", what + " '" + text + "' is not a number of seconds", text,
                    "write seconds, decimals allowed, e.g. 1 or 0.5");
            return OptionalDouble.empty();
        }
        if (v < min || v > max) {
            d.error(KaStatus.INVALID_NUMBER, pos, "out-of-range", what + " '" + text + "' outside range " + min + ".." + max,
                    text, "use a value from " + min + " to " + max + " seconds");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v);
    }

    /** keepalived's BOOL: on|off|true|false|yes|no. */
    public static Optional<Boolean> bool(String text, String what, Position pos, Diagnostics d) {
        // keepalived's check_true_false() compares case-sensitively: "TRUE" is an error there.
        return switch (text) {
            case "on", "true", "yes" -> Optional.of(true);
            case "off", "false", "no" -> Optional.of(false);
            default -> {
                String lower = text.toLowerCase(Locale.ROOT);
                boolean caseOnly = lower.matches("on|true|yes|off|false|no");
                d.error(KaStatus.GENERAL_ERROR, pos, "not-a-bool", what + " '" + text + "' is not a boolean", text,
                        caseOnly ? "keepalived only accepts lower case: write " + lower : "use on/off, true/false or yes/no");
                yield Optional.empty();
            }
        };
    }

    /** An IPv4 or IPv6 literal (no host names: keepalived does not resolve VIPs). */
    public static Optional<InetAddress> ip(String text, String what, Position pos, Diagnostics d) {
        Optional<InetAddress> a = parseIp(text);
        if (a.isEmpty()) {
            d.error(KaStatus.GENERAL_ERROR, pos, "bad-ip", what + " '" + text + "' is not a valid IP address", text,
                    "write an IPv4 address like 10.0.0.1 or an IPv6 address like fe80::1");
        }
        return a;
    }

    /** Parses an IP literal without reporting; never does DNS. */
    public static Optional<InetAddress> parseIp(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                String[] p = text.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(p[i]);
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
                InetAddress a = InetAddress.getByName(text);
                return a instanceof Inet6Address || a instanceof Inet4Address ? Optional.of(a) : Optional.empty();
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * keepalived's inet_stosockaddr() (lib/utils.c): what comes from the first '-' or '/' on is
     * dropped before the address is read, so "10.0.0.5/24" as a unicast_src_ip or peer is 10.0.0.5.
     */
    public static Optional<InetAddress> parseSockaddr(String text) {
        int cut = text.indexOf('-');
        if (cut < 0) {
            cut = text.indexOf('/');
        }
        return parseIp(cut < 0 ? text : text.substring(0, cut));
    }

    /** A TCP/UDP port 0..65535 (keepalived also accepts service names; we do not guess those). */
    public static OptionalLong port(String text, String what, Position pos, Diagnostics d) {
        return integer(text, 0, 65535, what, pos, d);
    }

    /** Address with optional prefix: {@code 10.0.0.1/24}. */
    public static Optional<Prefix> prefix(String text, String what, Position pos, Diagnostics d) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> a = parseIp(addr);
        if (a.isEmpty()) {
            d.error(KaStatus.GENERAL_ERROR, pos, "bad-ip", what + " '" + text + "' is not a valid IP address", text,
                    "write an address like 10.0.0.1/24");
            return Optional.empty();
        }
        int max = a.get() instanceof Inet4Address ? 32 : 128;
        int len = max;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > max) {
                d.error(KaStatus.GENERAL_ERROR, pos, "bad-prefix", what + " '" + text + "' has an invalid prefix length",
                        text, "the prefix length must be 0.." + max);
                return Optional.empty();
            }
        }
        return Optional.of(new Prefix(a.get(), len));
    }

    /** An address and prefix length. */
    public record Prefix(InetAddress address, int length) {
        public boolean isIpv6() {
            return address instanceof Inet6Address;
        }

        @Override
        public String toString() {
            return address.getHostAddress() + "/" + length;
        }
    }
}
