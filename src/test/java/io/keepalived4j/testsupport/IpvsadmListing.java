package io.keepalived4j.testsupport;

import io.keepalived4j.config.model.IpText;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table {@code ipvsadm -Ln} prints (ipvsadm 1.31: {@code list_all}/{@code print_service_entry}),
 * parsed into its fields: the services (protocol and address:port, or fwmark; scheduler, scheduler flags,
 * persistence, mask, persistence engine, one-packet scheduling) and per service its destinations
 * (address:port, forwarding method, weight, active and inactive connections). Also the single-service
 * form {@code ipvsadm -Ln -t|-u|-f SERVICE}, which has no version line.
 *
 * <p>Strict: every line must be one ipvsadm prints in this format, otherwise {@link ParseException}
 * names the line; {@code --stats}, {@code --rate} and the other listing formats are refused.
 *
 * <p>For comparing two tables: {@link #normalized()} (services and destinations sorted, connection
 * counters zeroed), {@link #differences} (readable, empty when equal) and {@link #sameTable}.
 */
public record IpvsadmListing(Optional<String> version, OptionalInt size, List<Service> services) {

    public IpvsadmListing {
        services = List.copyOf(services);
    }

    /** The protocol column: a virtual address:port of TCP, UDP or SCTP, or a firewall mark. */
    public enum Protocol { TCP, UDP, SCTP, FWM }

    /** The Forward column (ipvsadm's {@code fwd_name}). */
    public enum Forward {
        MASQ("Masq"), LOCAL("Local"), TUNNEL("Tunnel"), ROUTE("Route");

        private final String column;

        Forward(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }

        static Optional<Forward> of(String column) {
            for (Forward f : values()) {
                if (f.column.equals(column)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** An address and port as ipvsadm prints them: {@code 10.0.0.1:80}, {@code [2001:db8::1]:443}. */
    public record Endpoint(InetAddress address, int port) {

        public boolean ipv6() {
            return address instanceof Inet6Address;
        }

        @Override
        public String toString() {
            String a = IpText.of(address);   // inet_ntop's form, as ipvsadm prints it
            return ipv6() ? "[" + a + "]:" + port : a + ":" + port;
        }

        static Optional<Endpoint> parse(String text) {
            Matcher m = ENDPOINT.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            boolean bracketed = m.group(1) != null;
            String literal = bracketed ? m.group(1) : m.group(2);
            InetAddress a;
            try {
                a = InetAddress.ofLiteral(literal);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int port = Integer.parseInt(m.group(3));
            if (port > 65535 || bracketed != (a instanceof Inet6Address)) {
                return Optional.empty();
            }
            return Optional.of(new Endpoint(a, port));
        }
    }

    /** One destination line: {@code -> address:port Forward Weight ActiveConn InActConn}. */
    public record Destination(Endpoint endpoint, Forward forward, int weight, long activeConns, long inactiveConns) {

        /** The same destination with its connection counters zeroed. */
        public Destination withoutCounters() {
            return new Destination(endpoint, forward, weight, 0, 0);
        }

        @Override
        public String toString() {
            return endpoint + " " + forward.column() + " " + weight + " " + activeConns + " " + inactiveConns;
        }
    }

    /**
     * One service line and its destinations. For {@link Protocol#FWM} {@code endpoint} is empty and
     * {@code fwmark} is the mark ({@code ipv6Fwmark}: ipvsadm's "IPv6" after the mark); otherwise
     * {@code fwmark} is 0. {@code schedulerFlags} is the parenthesized list ({@code sh-port},
     * {@code flag-1}, ...); {@code mask} is the persistence mask as printed (dotted IPv4 netmask or
     * IPv6 prefix length), shown by ipvsadm only when it is not the full mask.
     */
    public record Service(Protocol protocol, Optional<Endpoint> endpoint, int fwmark, boolean ipv6Fwmark,
                          String scheduler, List<String> schedulerFlags, OptionalInt persistent,
                          Optional<String> mask, Optional<String> pe, boolean onePacket,
                          List<Destination> destinations) {

        public Service {
            schedulerFlags = List.copyOf(schedulerFlags);
            destinations = List.copyOf(destinations);
        }

        /** What identifies the service in a table: {@code TCP 10.0.0.1:80}, {@code FWM 7}, {@code FWM 7 IPv6}. */
        public String key() {
            return protocol == Protocol.FWM
                    ? "FWM " + fwmark + (ipv6Fwmark ? " IPv6" : "")
                    : protocol + " " + endpoint.orElseThrow();
        }

        /** The destination at {@code endpoint} ({@code 10.0.0.1:80}, {@code [2001:db8::1]:80}), if any. */
        public Optional<Destination> destination(String endpoint) {
            return destinations.stream().filter(d -> d.endpoint().toString().equals(endpoint)).findFirst();
        }

        /** The destinations' endpoints as printed, in table order. */
        public List<String> destinationEndpoints() {
            return destinations.stream().map(d -> d.endpoint().toString()).toList();
        }

        /** Destinations sorted by endpoint, their counters zeroed. */
        public Service normalized() {
            return new Service(protocol, endpoint, fwmark, ipv6Fwmark, scheduler, schedulerFlags, persistent, mask, pe,
                    onePacket, destinations.stream().map(Destination::withoutCounters)
                            .sorted(Comparator.comparing((Destination d) -> d.endpoint().toString())).toList());
        }

        /** The service line without the destinations, as ipvsadm prints it. */
        public String header() {
            StringBuilder b = new StringBuilder(key()).append(' ').append(scheduler);
            if (!schedulerFlags.isEmpty()) {
                b.append(" (").append(String.join(",", schedulerFlags)).append(')');
            }
            persistent.ifPresent(t -> b.append(" persistent ").append(t));
            mask.ifPresent(m -> b.append(" mask ").append(m));
            pe.ifPresent(p -> b.append(" pe ").append(p));
            if (onePacket) {
                b.append(" ops");
            }
            return b.toString();
        }
    }

    /** A line that is not part of an {@code ipvsadm -Ln} table. */
    public static final class ParseException extends IllegalArgumentException {
        private final int lineNumber;
        private final String line;

        ParseException(int lineNumber, String line, String why) {
            super("ipvsadm -Ln line " + lineNumber + ": " + why + ": '" + line + "'");
            this.lineNumber = lineNumber;
            this.line = line;
        }

        /** 1-based, in the text given to {@link #parse}. */
        public int lineNumber() {
            return lineNumber;
        }

        public String line() {
            return line;
        }
    }

    public static final String TITLE = "Prot LocalAddress:Port Scheduler Flags";
    public static final String DESTINATION_TITLE = "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn";

    private static final Pattern VERSION = Pattern.compile("IP Virtual Server version (\\d+\\.\\d+\\.\\d+) \\(size=(\\d+)\\)");
    private static final Pattern ENDPOINT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|(\\d{1,3}(?:\\.\\d{1,3}){3})):(\\d{1,5})");
    /** {@code "%-4s %s %s"}: "TCP  a:p", "UDP  a:p", "SCTP a:p"; "FWM  %d" or "FWM  %d IPv6". */
    private static final Pattern SERVICE = Pattern.compile(
            "(?:(TCP|UDP) {2}|(SCTP) )(\\S+) (\\S+)((?: \\S+)*)|FWM {2}(\\d+)( IPv6)? (\\S+)((?: \\S+)*)");
    private static final Pattern SCHEDULER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern FLAGS = Pattern.compile("\\(([a-z0-9-]+(?:,[a-z0-9-]+)*)\\)");
    /** {@code "  -> %-28s %-7s %-6d %-10u %-10u"}. */
    private static final Pattern DESTINATION = Pattern.compile("  -> (\\S+) +(\\S+) +(-?\\d+) +(\\d+) +(\\d+) *");
    private static final Pattern IPV4_MASK = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6_MASK = Pattern.compile("\\d{1,3}");

    /** Parses the whole output of {@code ipvsadm -Ln} (lines separated by \n; one final newline allowed). */
    public static IpvsadmListing parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return parse(lines);
    }

    /** Parses the lines of one {@code ipvsadm -Ln} output, without line terminators. */
    public static IpvsadmListing parse(List<String> lines) {
        int n = 0;
        Optional<String> version = Optional.empty();
        OptionalInt size = OptionalInt.empty();
        if (lines.isEmpty()) {
            throw new ParseException(1, "", "empty output, expected '" + TITLE + "'");
        }
        Matcher v = VERSION.matcher(lines.getFirst());
        if (v.matches()) {
            version = Optional.of(v.group(1));
            size = OptionalInt.of(parseInt(v.group(2), 1, lines.getFirst()));
            n = 1;
        }
        expectTitle(lines, n, TITLE);
        expectTitle(lines, n + 1, DESTINATION_TITLE);
        n += 2;

        List<Service> services = new ArrayList<>();
        Service current = null;
        List<Destination> dests = new ArrayList<>();
        for (; n < lines.size(); n++) {
            String line = lines.get(n);
            int number = n + 1;
            if (line.startsWith("  -> ")) {
                if (current == null) {
                    throw new ParseException(number, line, "a destination before any service");
                }
                dests.add(destination(line, number, current));
                continue;
            }
            if (current != null) {
                services.add(withDestinations(current, dests));
                dests = new ArrayList<>();
            }
            current = service(line, number);
        }
        if (current != null) {
            services.add(withDestinations(current, dests));
        }
        Set<String> keys = new TreeSet<>();
        for (Service s : services) {
            if (!keys.add(s.key())) {
                throw new IllegalArgumentException("ipvsadm -Ln: service " + s.key() + " listed twice");
            }
        }
        return new IpvsadmListing(version, size, services);
    }

    private static void expectTitle(List<String> lines, int index, String title) {
        if (index >= lines.size()) {
            throw new ParseException(index + 1, "", "output ends, expected '" + title.strip() + "'");
        }
        if (!lines.get(index).stripTrailing().equals(title)) {
            throw new ParseException(index + 1, lines.get(index), "expected '" + title.strip() + "'");
        }
    }

    private static Service withDestinations(Service s, List<Destination> dests) {
        return new Service(s.protocol(), s.endpoint(), s.fwmark(), s.ipv6Fwmark(), s.scheduler(), s.schedulerFlags(),
                s.persistent(), s.mask(), s.pe(), s.onePacket(), dests);
    }

    private static Service service(String line, int number) {
        Matcher m = SERVICE.matcher(line.stripTrailing());
        if (!m.matches()) {
            throw new ParseException(number, line, "not a service or destination line");
        }
        Protocol protocol;
        Optional<Endpoint> endpoint = Optional.empty();
        int fwmark = 0;
        boolean ipv6Fwmark = false;
        String scheduler;
        String rest;
        if (m.group(6) != null) {
            protocol = Protocol.FWM;
            fwmark = parseInt(m.group(6), number, line);
            if (fwmark == 0) {
                throw new ParseException(number, line, "firewall mark 0");
            }
            ipv6Fwmark = m.group(7) != null;
            scheduler = m.group(8);
            rest = m.group(9);
        } else {
            protocol = Protocol.valueOf(m.group(1) != null ? m.group(1) : m.group(2));
            endpoint = Optional.of(Endpoint.parse(m.group(3))
                    .orElseThrow(() -> new ParseException(number, line, "bad virtual address:port '" + m.group(3) + "'")));
            scheduler = m.group(4);
            rest = m.group(5);
        }
        if (!SCHEDULER.matcher(scheduler).matches()) {
            throw new ParseException(number, line, "bad scheduler '" + scheduler + "'");
        }
        boolean v6 = endpoint.map(Endpoint::ipv6).orElse(ipv6Fwmark);
        List<String> tokens = rest.isEmpty() ? List.of() : List.of(rest.substring(1).split(" "));
        int i = 0;
        List<String> flags = List.of();
        if (i < tokens.size() && tokens.get(i).startsWith("(")) {
            Matcher f = FLAGS.matcher(tokens.get(i));
            if (!f.matches()) {
                throw new ParseException(number, line, "bad scheduler flags '" + tokens.get(i) + "'");
            }
            flags = List.of(f.group(1).split(","));
            i++;
        }
        OptionalInt persistent = OptionalInt.empty();
        Optional<String> mask = Optional.empty();
        Optional<String> pe = Optional.empty();
        if (i < tokens.size() && tokens.get(i).equals("persistent")) {
            persistent = OptionalInt.of(parseInt(value(tokens, i, number, line), number, line));
            i += 2;
            if (i < tokens.size() && tokens.get(i).equals("mask")) {
                String mv = value(tokens, i, number, line);
                i += 2;
                if (!(v6 ? IPV6_MASK : IPV4_MASK).matcher(mv).matches()) {
                    throw new ParseException(number, line, "bad persistence mask '" + mv + "'");
                }
                mask = Optional.of(mv);
            }
            if (i < tokens.size() && tokens.get(i).equals("pe")) {
                pe = Optional.of(value(tokens, i, number, line));
                i += 2;
            }
        }
        boolean ops = false;
        if (i < tokens.size() && tokens.get(i).equals("ops")) {
            ops = true;
            i++;
        }
        if (i < tokens.size()) {
            throw new ParseException(number, line, "unexpected '" + tokens.get(i) + "'");
        }
        return new Service(protocol, endpoint, fwmark, ipv6Fwmark, scheduler, flags, persistent, mask, pe, ops, List.of());
    }

    private static String value(List<String> tokens, int keyword, int number, String line) {
        if (keyword + 1 >= tokens.size()) {
            throw new ParseException(number, line, "'" + tokens.get(keyword) + "' without a value");
        }
        return tokens.get(keyword + 1);
    }

    private static Destination destination(String line, int number, Service service) {
        Matcher m = DESTINATION.matcher(line);
        if (!m.matches()) {
            throw new ParseException(number, line, "not a destination line");
        }
        Endpoint e = Endpoint.parse(m.group(1))
                .orElseThrow(() -> new ParseException(number, line, "bad destination address:port '" + m.group(1) + "'"));
        Forward f = Forward.of(m.group(2))
                .orElseThrow(() -> new ParseException(number, line, "unknown forwarding method '" + m.group(2) + "'"));
        boolean serviceV6 = service.endpoint().map(Endpoint::ipv6).orElse(service.ipv6Fwmark());
        if (e.ipv6() != serviceV6 && f != Forward.TUNNEL) {
            // ipvsadm prints destinations in the service's family; only tunnels may differ (kernel >= 5.3)
            throw new ParseException(number, line, "destination family differs from the service's");
        }
        return new Destination(e, f, parseInt(m.group(3), number, line), parseLong(m.group(4), number, line),
                parseLong(m.group(5), number, line));
    }

    private static int parseInt(String s, int number, String line) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ParseException(number, line, "bad number '" + s + "'");
        }
    }

    private static long parseLong(String s, int number, String line) {
        try {
            long v = Long.parseLong(s);
            if (v > 0xffff_ffffL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ParseException(number, line, "bad counter '" + s + "'");
        }
    }

    /** The service with that key ({@code TCP 10.0.0.1:80}, {@code FWM 7}), if listed. */
    public Optional<Service> service(String key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The services by key, in table order. */
    public Map<String, Service> byKey() {
        Map<String, Service> out = new LinkedHashMap<>();
        services.forEach(s -> out.put(s.key(), s));
        return out;
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    /**
     * The comparable content: services sorted by key, destinations by endpoint, connection counters
     * zeroed; the version line dropped (a table from {@code -Ln -t} has none).
     */
    public IpvsadmListing normalized() {
        return new IpvsadmListing(Optional.empty(), OptionalInt.empty(), services.stream().map(Service::normalized)
                .sorted(Comparator.comparing(Service::key)).toList());
    }

    /** True when both list the same services with the same fields and destinations, counters aside. */
    public boolean sameTable(IpvsadmListing other) {
        return normalized().equals(other.normalized());
    }

    /**
     * What differs between {@code expected} and {@code actual} (services as a set, destinations as a set
     * per service, connection counters ignored), one readable line per difference; empty when equal.
     */
    public static List<String> differences(IpvsadmListing expected, IpvsadmListing actual) {
        Map<String, Service> e = expected.normalized().byKey();
        Map<String, Service> a = actual.normalized().byKey();
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(e.keySet());
        keys.addAll(a.keySet());
        for (String key : keys) {
            Service se = e.get(key);
            Service sa = a.get(key);
            if (sa == null) {
                out.add("missing service: " + se.header());
                continue;
            }
            if (se == null) {
                out.add("extra service: " + sa.header());
                continue;
            }
            if (!se.header().equals(sa.header())) {
                out.add("service " + key + ": expected '" + se.header() + "', got '" + sa.header() + "'");
            }
            Map<String, Destination> de = new LinkedHashMap<>();
            se.destinations().forEach(d -> de.put(d.endpoint().toString(), d));
            Map<String, Destination> da = new LinkedHashMap<>();
            sa.destinations().forEach(d -> da.put(d.endpoint().toString(), d));
            Set<String> ends = new TreeSet<>(de.keySet());
            ends.addAll(da.keySet());
            for (String end : ends) {
                Destination x = de.get(end);
                Destination y = da.get(end);
                if (y == null) {
                    out.add("service " + key + ": missing destination " + end + " " + x.forward().column() + " weight " + x.weight());
                } else if (x == null) {
                    out.add("service " + key + ": extra destination " + end + " " + y.forward().column() + " weight " + y.weight());
                } else if (x.forward() != y.forward() || x.weight() != y.weight()) {
                    out.add("service " + key + ": destination " + end + ": expected " + x.forward().column() + " weight "
                            + x.weight() + ", got " + y.forward().column() + " weight " + y.weight());
                }
            }
        }
        return out;
    }
}
