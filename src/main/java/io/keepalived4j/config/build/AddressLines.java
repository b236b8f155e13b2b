package io.keepalived4j.config.build;

import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or
 * {@code static_ipaddress}: {@code ADDR[/LEN] [dev IF] [scope S] [brd IP|+|-] [label L] ...}
 * (features.md section 9), with keepalived 2.2.7's messages for what it skips.
 */
final class AddressLines {

    /** Options that take a value. */
    private static final Set<String> WITH_VALUE = Set.of("dev", "scope", "brd", "broadcast", "label", "peer",
            "preferred_lft", "track_group");
    /** Options that stand alone. */
    private static final Set<String> FLAGS = Set.of("home", "-nodad", "nodad", "mngtmpaddr", "noprefixroute", "autojoin",
            "no_track", "use_vmac");

    private AddressLines() {
    }

    static Optional<VirtualAddress> parse(Node line, BuildReport report) {
        String first = line.keyword();
        int slash = first.indexOf('/');
        String addr = slash < 0 ? first : first.substring(0, slash);
        Optional<InetAddress> ip = Values.parseIp(addr);
        if (ip.isEmpty()) {
            report.error(line, "bad-ip", "VRRP parsed invalid IP " + first + ". skipping IP...",
                    "write an address like 10.0.0.1/24");
            return Optional.empty();
        }
        int max = ip.get().getAddress().length == 4 ? 32 : 128;
        int len = max;
        if (slash >= 0) {
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(first.substring(slash + 1), 0, max);
            if (r.accepted()) {
                len = (int) r.value();
            } else {
                report.error(line, "bad-prefix", r.problem() + "; Invalid address prefix len " + first.substring(slash + 1)
                        + " for address " + first + " - using " + max, "the prefix length must be 0.." + max);
            }
        }
        String dev = "";
        String scope = "";
        String brd = "";
        String label = "";
        List<String> options = new ArrayList<>();
        List<String> words = line.args();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (WITH_VALUE.contains(w) && i + 1 < words.size()) {
                String v = words.get(++i);
                switch (w) {
                    case "dev" -> dev = v;
                    case "scope" -> scope = v;
                    case "brd", "broadcast" -> brd = v;
                    case "label" -> label = v;
                    default -> options.add(w + " " + v);
                }
            } else if (FLAGS.contains(w)) {
                options.add(w);
            } else {
                report.error(line, "bad-address-option", "Unknown configuration entry '" + w + "' for ip address - ignoring",
                        w.startsWith("//") ? "'//' does not start a comment: use '#'"
                                : "one address per line; options are dev, scope, brd, label, peer, home, ...");
            }
        }
        return Optional.of(new VirtualAddress(ip.get(), len, dev, scope, brd, label, List.copyOf(options), line.position()));
    }
}
