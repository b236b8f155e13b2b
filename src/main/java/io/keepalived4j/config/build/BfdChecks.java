package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.syntax.Node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * bfd_instance blocks, checked as keepalived 2.2.7's BFD process reads them (bfd/bfd_parser.c,
 * bfd_data.c; Debian's 2.2.7 is built with BFD): keepalived4j does not run BFD, but an instance
 * that 2.2.7 would refuse (no neighbour, a malformed address, a value out of range, the same
 * neighbour twice...) still makes its {@code -t} exit 5, so we say so too.
 */
final class BfdChecks {

    /** BFD_INAME_MAX - 1. */
    private static final int MAX_NAME = 31;
    private static final long MS_MAX = 4_294_967L;

    /** An instance that passed its end handler: the pair duplicates are looked up by. */
    private record Accepted(InetAddress neighbour, InetAddress source) {
    }

    private BfdChecks() {
    }

    static void check(List<Node> roots, BuildReport report) {
        List<String> names = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        for (Node n : roots) {
            if (!n.keyword().equals("bfd_instance") || !n.isBlock() || n.argCount() == 0) {
                continue;
            }
            String name = n.arg(0);
            if (name.length() > MAX_NAME) {
                report.error(n, "bfd-name", "Configuration error: BFD instance " + name + " name too long (maximum length is "
                        + MAX_NAME + " characters) - ignoring", "use a shorter name");
                continue;
            }
            if (names.contains(name)) {
                report.error(n, "bfd-duplicate", "Configuration error: BFD instance " + name + " already configured - ignoring",
                        "give each bfd_instance its own name");
                continue;
            }
            names.add(name);
            instance(n, name, accepted, report);
        }
    }

    private static void instance(Node block, String name, List<Accepted> accepted, BuildReport report) {
        String tag = "Configuration error: BFD instance " + name;
        InetAddress neighbour = null;
        InetAddress source = null;
        long ttl = 0;
        long maxHops = 0;
        for (Node n : block.children()) {
            if (n.argCount() == 0) {
                continue;   // a missing value is the parser's exit 2, reported elsewhere
            }
            String v = n.arg(0);
            switch (n.keyword()) {
                case "neighbor_ip", "neighbour_ip" -> {
                    Optional<InetAddress> a = Values.parseSockaddr(v);
                    if (a.isEmpty()) {
                        report.error(n, "bfd-address", tag + " has malformed neighbor address " + v + ", ignoring instance",
                                "write the neighbour's IP address");
                        return;
                    }
                    neighbour = a.get();
                }
                case "source_ip" -> {
                    Optional<InetAddress> a = Values.parseSockaddr(v);
                    if (a.isEmpty()) {
                        report.error(n, "bfd-address", tag + " has malformed source address " + v + ", ignoring",
                                "write a local IP address");
                    } else {
                        source = a.get();
                    }
                }
                case "min_rx" -> interval(n, tag, "min_rx", 1, report);
                case "min_tx" -> interval(n, tag, "min_tx", 1, report);
                case "idle_tx" -> interval(n, tag, "idle_tx", 1000, report);
                case "multiplier" -> ranged(n, tag + " multiplier value " + v + " not valid (must be in range [1-255]), ignoring",
                        KeepalivedNumbers.unsigned(v, 1, 255), report);
                case "ttl", "hoplimit" -> {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(v, 1, 255);
                    if (ranged(n, tag + " ttl/hoplimit value " + v + " not valid (must be in range [1-255]), ignoring", r, report)) {
                        ttl = r.value();
                    }
                }
                case "max_hops" -> {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.signed(v, -1, 255);
                    if (ranged(n, tag + " max_hops value " + v + " not valid (must be in range [-1-255]), ignoring", r, report)) {
                        maxHops = r.value();
                    }
                }
                case "weight" -> weight(n, name, report);
                default -> {
                }
            }
        }
        // bfd_end_handler().
        if (neighbour == null) {
            report.error(block, "bfd-no-neighbour", tag + " has no neighbor address set, disabling instance",
                    "add: neighbor_ip ADDRESS");
            return;
        }
        if (source != null && (source instanceof Inet6Address) != (neighbour instanceof Inet6Address)) {
            report.error(block, "bfd-family", tag + " source address " + source.getHostAddress() + " and neighbor address "
                    + neighbour.getHostAddress() + " are not of the same family, disabling instance",
                    "use addresses of one family");
            return;
        }
        Accepted me = new Accepted(neighbour, source);
        if (accepted.stream().anyMatch(a -> a.neighbour().equals(me.neighbour()) && Objects.equals(a.source(), me.source()))) {
            report.error(block, "bfd-duplicate", source != null
                    ? tag + " has duplicate source/neighbor address " + source.getHostAddress() + "/" + neighbour.getHostAddress()
                            + ", ignoring instance"
                    : tag + " has duplicate neighbor address " + neighbour.getHostAddress() + ", ignoring instance",
                    "one bfd_instance per neighbour");
            return;
        }
        accepted.add(me);
        long effectiveTtl = ttl != 0 ? ttl : neighbour instanceof Inet6Address ? 64 : 255;
        if (maxHops > effectiveTtl) {
            report.error(block, "bfd-max-hops", "BFD instance " + name + ": max_hops exceeds ttl/hoplimit - setting to"
                    + " ttl/hoplimit", "use a max_hops of at most the ttl");
        }
    }

    /** Milliseconds with up to three decimals (read_decimal_unsigned_strvec(..., 3)). */
    private static void interval(Node n, String tag, String what, long minMs, BuildReport report) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.decimal(n.arg(0), 3, minMs * 1000, MS_MAX * 1000);
        ranged(n, tag + " " + what + " value " + n.arg(0) + " is not valid (must be in range [" + minMs + "-" + MS_MAX
                + "]), ignoring", r, report);
    }

    private static boolean ranged(Node n, String message, KeepalivedNumbers.Result r, BuildReport report) {
        if (r.accepted()) {
            if (r.hasProblem()) {
                report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(), n.text(),
                        "");
            }
            return true;
        }
        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(), n.text(), "");
        report.error(n, "bfd-value", message, r.problem());
        return false;
    }

    /** The VRRP process's {@code weight W [reverse]} (bfd_vrrp_weight_handler()). */
    private static void weight(Node n, String name, BuildReport report) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), -253, 253);
        if (!r.accepted()) {
            report.error(n, "bfd-value", "Configuration error: BFD instance " + name + " weight value " + n.arg(0)
                    + " not valid (must be in range [-253-253]), ignoring", r.problem());
        }
        if (n.argCount() >= 2 && !n.arg(1).equals("reverse")) {
            report.error(n, "bfd-value", "Configuration error: BFD instance " + name + " unknown weight option " + n.arg(1),
                    "the word after the weight can be 'reverse'");
        }
    }
}
