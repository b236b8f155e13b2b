package io.keepalived4j.cli;

import io.keepalived4j.config.model.lvs.HttpVersion;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * genhash's command line, read as keepalived 2.2.7 reads it (check_genhash.c
 * {@code check_genhash_parse_cmdline}, GNU getopt_long with {@code ":hvSs:V:p:u:m:P:t:I"}):
 * clustered short options, {@code --long}, {@code --long=value} and unambiguous prefixes, operands
 * anywhere (reported as unexpected), and 2.2.7's messages for bad values.
 *
 * @param server        -s: an IPv4 dotted quad or an IPv6 address, as inet_pton reads them
 * @param port          -p
 * @param path          -u (the last one given)
 * @param tls           -S
 * @param sni           -I
 * @param virtualhost   -V
 * @param verbose       -v
 * @param version       -P
 * @param timeoutMicros -t, in microseconds as keepalived keeps it: seconds times 10^6 in 32 bits
 *                      (so -t 4295 wraps to 32704); 2^32-1 when not given
 * @param fwmark        -m, 0 for none
 */
record GenhashOptions(InetAddress server, int port, String path, boolean tls, boolean sni, Optional<String> virtualhost,
                      boolean verbose, HttpVersion version, long timeoutMicros, long fwmark) {

    /** keepalived's UINT_MAX: the connection timeout when -t is not given. */
    static final long NO_TIMEOUT_MICROS = 0xffff_ffffL;

    /** What parsing produced: options to run with, or the messages to print before the usage. */
    sealed interface Parsed {
    }

    record Run(GenhashOptions options) implements Parsed {
    }

    record Usage(List<String> messages) implements Parsed {
    }

    private record LongOption(String name, boolean hasArgument, char value) {
    }

    private static final List<LongOption> LONG_OPTIONS = List.of(
            new LongOption("help", false, 'h'), new LongOption("verbose", false, 'v'),
            new LongOption("use-ssl", false, 'S'), new LongOption("use-sni", false, 'I'),
            new LongOption("server", true, 's'), new LongOption("use-virtualhost", true, 'V'),
            new LongOption("port", true, 'p'), new LongOption("url", true, 'u'),
            new LongOption("fwmark", true, 'm'), new LongOption("protocol", true, 'P'),
            new LongOption("timeout", true, 't'));

    private static final String WITH_ARGUMENT = "sVpumPt";
    private static final String WITHOUT_ARGUMENT = "hvSI";

    /** Reads the arguments after {@code genhash}. */
    static Parsed parse(List<String> args) {
        return new Parser().parse(args);
    }

    /** Mutable state of one parse; getopt's loop, one option at a time. */
    private static final class Parser {
        private final List<String> messages = new ArrayList<>();
        private final List<String> operands = new ArrayList<>();
        private boolean badOption;
        private InetAddress server;
        private int port = -1;
        private String path;
        private boolean tls;
        private boolean sni;
        private String virtualhost;
        private boolean verbose;
        private HttpVersion version = HttpVersion.HTTP_1_0;
        private long timeoutMicros = NO_TIMEOUT_MICROS;
        private long fwmark;

        Parsed parse(List<String> args) {
            // "Trivial sanity check": genhash with at most one argument shows the usage alone.
            if (args.size() <= 1) {
                return new Usage(List.of());
            }
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    operands.addAll(args.subList(i + 1, args.size()));
                    break;
                }
                if (a.startsWith("--")) {
                    i = longOption(args, i);
                } else if (a.startsWith("-") && a.length() > 1) {
                    i = shortOptions(args, i);
                } else {
                    operands.add(a);
                }
                if (i < 0) {
                    return new Usage(messages);
                }
            }
            if (badOption) {
                return new Usage(messages);
            }
            if (!operands.isEmpty()) {
                messages.add("Unexpected argument(s): " + String.join(" ", operands));
                return new Usage(messages);
            }
            if (server == null || port < 0 || path == null) {
                return new Usage(messages);
            }
            return new Run(new GenhashOptions(server, port, path, tls, sni, Optional.ofNullable(virtualhost), verbose,
                    version, timeoutMicros, fwmark));
        }

        /** Returns the index of the last argument used, or -1 to stop with the usage. */
        private int longOption(List<String> args, int i) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            LongOption found = null;
            int matches = 0;
            for (LongOption o : LONG_OPTIONS) {
                if (o.name().equals(name)) {
                    found = o;
                    matches = 1;
                    break;
                }
                if (o.name().startsWith(name)) {
                    found = o;
                    matches++;
                }
            }
            if (matches != 1 || (eq >= 0 && !found.hasArgument())) {
                messages.add("Unknown option " + arg);
                badOption = true;
                return i;
            }
            if (!found.hasArgument()) {
                return option(found.value(), null) ? i : -1;
            }
            if (eq >= 0) {
                return option(found.value(), arg.substring(eq + 1)) ? i : -1;
            }
            if (i + 1 >= args.size()) {
                // 2.2.7 prints the name from long_options[-1] here, which comes out empty.
                messages.add("Missing parameter for option --" + found.name());
                badOption = true;
                return i;
            }
            return option(found.value(), args.get(i + 1)) ? i + 1 : -1;
        }

        private int shortOptions(List<String> args, int i) {
            String arg = args.get(i);
            for (int k = 1; k < arg.length(); k++) {
                char c = arg.charAt(k);
                if (WITHOUT_ARGUMENT.indexOf(c) >= 0) {
                    if (!option(c, null)) {
                        return -1;
                    }
                } else if (WITH_ARGUMENT.indexOf(c) >= 0) {
                    if (k + 1 < arg.length()) {
                        return option(c, arg.substring(k + 1)) ? i : -1;
                    }
                    if (i + 1 >= args.size()) {
                        messages.add("Missing parameter for option -" + c);
                        badOption = true;
                        return i;
                    }
                    return option(c, args.get(i + 1)) ? i + 1 : -1;
                } else {
                    messages.add("Unknown option -" + c);
                    badOption = true;
                }
            }
            return i;
        }

        /** One option; false stops parsing at once (keepalived's {@code return -1}). */
        private boolean option(char c, String value) {
            switch (c) {
                case 'h' -> badOption = true;
                case 'v' -> verbose = true;
                case 'S' -> tls = true;
                case 'I' -> sni = true;
                case 's' -> {
                    server = address(value);
                    if (server == null) {
                        messages.add("server should be an IP, not " + value);
                        return false;
                    }
                }
                case 'V' -> virtualhost = value;
                case 'p' -> {
                    long p = strtol(value);
                    if (p <= 0 || p > 65535) {
                        messages.add("invalid port number '" + value + "'");
                        return false;
                    }
                    port = (int) p;
                }
                case 'u' -> path = value;
                case 'm' -> {
                    String start = stripBlanks(value);
                    Long mark = strtoul(start);
                    if (mark == null || start.startsWith("-")) {
                        messages.add("invalid fwmark '" + value + "'");
                        return false;
                    }
                    fwmark = mark & 0xffff_ffffL;
                    if (fwmark != 0) {
                        messages.add("keepalived4j cannot set a fwmark: the JDK has no SO_MARK socket option");
                        return false;
                    }
                }
                case 'P' -> {
                    Optional<HttpVersion> v = HttpVersion.parse(value);
                    if (v.isEmpty()) {
                        messages.add("invalid HTTP protocol version '" + value + "'");
                        return false;
                    }
                    version = v.get();
                }
                case 't' -> {
                    String start = stripBlanks(value);
                    Long seconds = strtoul(start);
                    if (seconds == null || start.startsWith("-") || start.isEmpty()) {
                        messages.add("invalid timeout '" + value + "'");
                        return false;
                    }
                    timeoutMicros = ((seconds & 0xffff_ffffL) * 1_000_000L) & 0xffff_ffffL;
                }
                default -> throw new IllegalStateException("option -" + c);
            }
            return true;
        }
    }

    /** strspn(" \t"): what follows leading blanks. */
    private static String stripBlanks(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /**
     * strtoul(s, &end, 10) that must use the whole string: null when something follows the number
     * (an empty string is 0, as keepalived's *endptr test sees it). ULONG_MAX on overflow; a minus
     * negates modulo 2^64.
     */
    private static Long strtoul(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        boolean overflow = false;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            int d = s.charAt(i) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            } else {
                value = value * 10 + d;
            }
        }
        if (i == digits) {
            return s.isEmpty() ? 0L : null;
        }
        if (i < s.length()) {
            return null;
        }
        return overflow ? -1L : negative ? -value : value;
    }

    /** strtol(s, &end, 10) that must use the whole string; 0 (an invalid port) when it does not. */
    private static long strtol(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digits = i;
        long value = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            value = Math.min(value * 10 + (s.charAt(i) - '0'), Integer.MAX_VALUE * 2L);
        }
        if (i == digits || i < s.length()) {
            return 0;
        }
        return negative ? -value : value;
    }

    /**
     * keepalived's inet_stosockaddr: IPv6 when the text has a colon, the text cut at a '-' or '/'
     * (ranges and masks), then inet_pton, which takes only a full dotted quad or a plain IPv6 address.
     */
    static InetAddress address(String text) {
        boolean v6 = text.indexOf(':') >= 0;
        int cut = text.indexOf('-');
        if (cut < 0) {
            cut = text.indexOf('/');
        }
        String ip = cut < 0 ? text : text.substring(0, cut);
        try {
            if (!v6) {
                byte[] b = dottedQuad(ip);
                return b == null ? null : InetAddress.getByAddress(b);
            }
            if (!ip.chars().allMatch(ch -> ch == ':' || ch == '.' || Character.digit(ch, 16) >= 0)) {
                return null;
            }
            return Inet6Address.ofLiteral(ip);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** glibc inet_pton4: four decimal octets, no leading zeros, nothing else. */
    private static byte[] dottedQuad(String s) {
        byte[] out = new byte[4];
        int octets = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return null;
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && octets < 4) {
                out[octets++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        return octets == 4 ? out : null;
    }
}
