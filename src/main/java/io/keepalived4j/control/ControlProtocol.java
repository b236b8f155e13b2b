package io.keepalived4j.control;

import io.keepalived4j.config.model.lvs.Protocol;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The control channel's line protocol, as a pure parser: one command a line, in the manner of
 * HAProxy's runtime API. Keywords are case-insensitive; instance names are as configured.
 * Addresses are literals only (never a name lookup); an IPv6 one goes in brackets with its port.
 *
 * <pre>{@code
 * ControlProtocol.parse("disable server TCP 10.0.0.1:80 10.0.0.2:80")
 *     // Ok(ServerState(AddressService(TCP, 10.0.0.1, 80), Server(10.0.0.2, 80), false))
 * ControlProtocol.parse("set priority VI_1 300")   // Error("priority must be 1..254 or default, not 300")
 * }</pre>
 */
public final class ControlProtocol {

    /** The longest line the server reads, newline included; a longer one ends the connection. */
    public static final int MAX_LINE = 1024;
    /** IPVS's (and ipvsadm's) range for a real server's weight. */
    public static final long MAX_WEIGHT = 65535;

    /** What {@link #help()} prints, and the grammar in one place. */
    private static final List<String> HELP = List.of(
            "help                                   this list",
            "show instances                         VRRP instances: state, priorities, maintenance",
            "show servers                           real servers: state, weight, drained",
            "set priority INSTANCE 1..254|default   override the configured priority (trackers still add)",
            "maintenance INSTANCE on|off            hold the instance in BACKUP (a MASTER hands over), or release it",
            "disable server VS RS                   drain a real server: weight 0 until enabled",
            "enable server VS RS                    end a drain",
            "set weight VS RS 0..65535              the server's weight in place of the configured one",
            "quit                                   close the connection",
            "VS: [TCP|UDP|SCTP] ADDRESS:PORT or FWM MARK; RS: ADDRESS:PORT; IPv6 as [ADDRESS]:PORT");

    private ControlProtocol() {
    }

    /** A parsed line: a command, or why the line is not one. */
    public sealed interface Parsed {
    }

    public record Ok(ControlCommand command) implements Parsed {
    }

    public record Error(String reason) implements Parsed {
    }

    public static List<String> help() {
        return HELP;
    }

    public static Parsed parse(String line) {
        String[] w = line.strip().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return new Error("empty command; try help");
        }
        String verb = w[0].toLowerCase(Locale.ROOT);
        String second = w.length > 1 ? w[1].toLowerCase(Locale.ROOT) : "";
        try {
            return switch (verb) {
                case "help" -> exactly(w, 1, new ControlCommand.Help());
                case "quit" -> exactly(w, 1, new ControlCommand.Quit());
                case "show" -> switch (second) {
                    case "instances" -> exactly(w, 2, new ControlCommand.ShowInstances());
                    case "servers" -> exactly(w, 2, new ControlCommand.ShowServers());
                    default -> new Error("show what? show instances | show servers");
                };
                case "set" -> switch (second) {
                    case "priority" -> exactly(w, 4, new ControlCommand.SetPriority(w.length > 2 ? w[2] : "",
                            w.length > 3 ? priority(w[3]) : OptionalInt.empty()));
                    case "weight" -> setWeight(w);
                    default -> new Error("set what? set priority INSTANCE N | set weight VS RS N");
                };
                case "maintenance" -> exactly(w, 3, new ControlCommand.Maintenance(w.length > 1 ? w[1] : "",
                        w.length > 2 && onOff(w[2])));
                case "enable", "disable" -> serverState(w, verb.equals("enable"));
                default -> new Error("unknown command '" + w[0] + "'; try help");
            };
        } catch (IllegalArgumentException e) {
            return new Error(e.getMessage());
        }
    }

    private static Parsed exactly(String[] w, int count, ControlCommand command) {
        if (w.length != count) {
            return new Error("expected " + count + " words, got " + w.length + "; try help");
        }
        return new Ok(command);
    }

    private static OptionalInt priority(String s) {
        if (s.equalsIgnoreCase("default")) {
            return OptionalInt.empty();
        }
        long p = number(s, "priority");
        if (p < 1 || p > 254) {
            throw new IllegalArgumentException("priority must be 1..254 or default, not " + s);
        }
        return OptionalInt.of((int) p);
    }

    private static boolean onOff(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("maintenance takes on or off, not " + s);
        };
    }

    /** {@code enable|disable server VS RS}. */
    private static Parsed serverState(String[] w, boolean enable) {
        if (w.length < 2 || !w[1].equalsIgnoreCase("server")) {
            return new Error((enable ? "enable" : "disable") + " what? " + (enable ? "enable" : "disable") + " server VS RS");
        }
        ServiceAt vs = service(w, 2);
        if (w.length != vs.next() + 1) {
            return new Error("expected VS then RS; try help");
        }
        return new Ok(new ControlCommand.ServerState(vs.service(), server(w[vs.next()]), enable));
    }

    /** {@code set weight VS RS N}. */
    private static Parsed setWeight(String[] w) {
        ServiceAt vs = service(w, 2);
        if (w.length != vs.next() + 2) {
            return new Error("expected VS, RS then the weight; try help");
        }
        long weight = number(w[vs.next() + 1], "weight");
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0.." + MAX_WEIGHT + ", not " + weight);
        }
        return new Ok(new ControlCommand.SetWeight(vs.service(), server(w[vs.next()]), weight));
    }

    private record ServiceAt(ControlCommand.Service service, int next) {
    }

    private static ServiceAt service(String[] w, int at) {
        if (at >= w.length) {
            throw new IllegalArgumentException("missing the virtual server; try help");
        }
        if (w[at].equalsIgnoreCase("fwm")) {
            if (at + 1 >= w.length) {
                throw new IllegalArgumentException("FWM needs a mark");
            }
            long mark = number(w[at + 1], "fwmark");
            if (mark < 1 || mark > 0xffffffffL) {
                throw new IllegalArgumentException("fwmark must be 1..4294967295, not " + w[at + 1]);
            }
            return new ServiceAt(new ControlCommand.FwmarkService(mark), at + 2);
        }
        Optional<Protocol> protocol = Protocol.parse(w[at]);
        int addressAt = protocol.isPresent() ? at + 1 : at;
        if (addressAt >= w.length) {
            throw new IllegalArgumentException("missing the virtual server's ADDRESS:PORT");
        }
        ControlCommand.Server a = server(w[addressAt]);
        return new ServiceAt(new ControlCommand.AddressService(protocol, a.address(), a.port()), addressAt + 1);
    }

    /** {@code 10.0.0.2:80} or {@code [2001:db8::2]:80}, literal addresses only. */
    static ControlCommand.Server server(String s) {
        String address;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("expected [ADDRESS]:PORT, not " + s);
            }
            address = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.indexOf(':');
            if (colon < 0 || colon != s.lastIndexOf(':')) {
                throw new IllegalArgumentException("expected ADDRESS:PORT (IPv6 as [ADDRESS]:PORT), not " + s);
            }
            address = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        InetAddress ip;
        try {
            ip = InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        long p = number(port, "port");
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        return new ControlCommand.Server(ip, (int) p);
    }

    private static long number(String s, String what) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " must be a number, not " + s);
        }
        return Long.parseLong(s);
    }

    /** For log lines: the words of a command line, cut to a sane length. */
    static String forLog(String line) {
        // Whatever a client sent goes into the log: no control characters, no endless lines.
        String s = String.join(" ", Arrays.stream(line.strip().split("\\s+")).toList())
                .replaceAll("\\p{Cntrl}", "?");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
