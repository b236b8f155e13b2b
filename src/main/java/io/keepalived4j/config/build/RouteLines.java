package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the common forms of {@code static_routes}/{@code virtual_routes} and
 * {@code static_rules}/{@code virtual_rules} lines ({@code ip route} / {@code ip rule} syntax),
 * with keepalived 2.2.7's warnings (deprecated {@code gw}/{@code or}, untracked routes, rules
 * without preference, invalid addresses).
 */
final class RouteLines {

    private static final Set<String> ROUTE_TYPES = Set.of("blackhole", "unreachable", "prohibit", "throw");
    private static final Set<String> ROUTE_VALUE_KEYS = Set.of("src", "to", "via", "gw", "dev", "table", "metric",
            "priority", "preference", "scope", "proto", "protocol", "mtu", "advmss", "realms", "tos", "onlink", "weight",
            "expires", "pref", "initcwnd", "initrwnd", "features", "quickack", "congctl", "rto_min", "hoplimit",
            "window", "rtt", "rttvar", "ssthresh", "cwnd", "lock", "fastopen_no_cookie", "encap", "track_group");
    private static final int FIRST_AUTO_PREFERENCE = 16384;

    private int nextPreference = FIRST_AUTO_PREFERENCE;

    StaticRoute route(Node line, BuildReport report) {
        List<String> w = line.words().stream().map(t -> t.text()).toList();
        String dest = "";
        String via = "";
        String dev = "";
        String table = "";
        String type = "";
        boolean noTrack = false;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            if (ROUTE_TYPES.contains(k)) {
                type = k;
            } else if (k.equals("no_track")) {
                noTrack = true;
            } else if (k.equals("or")) {
                report.error(line, "deprecated", "\"or\" for routes is deprecated. Please use \"nexthop\"", "write nexthop");
            } else if (k.equals("nexthop") || k.equals("inet6") || k.equals("add") || k.equals("append")) {
                continue;
            } else if (ROUTE_VALUE_KEYS.contains(k) && i + 1 < w.size()) {
                String v = w.get(++i);
                switch (k) {
                    case "gw" -> {
                        report.error(line, "deprecated", "\"gw\" for routes is deprecated. Please use \"via\"", "write via");
                        via = via.isEmpty() ? v : via;
                    }
                    case "via" -> via = via.isEmpty() ? v : via;
                    case "dev" -> dev = dev.isEmpty() ? v : dev;
                    case "table" -> table = v;
                    case "to" -> dest = v;
                    default -> {
                    }
                }
            } else if (dest.isEmpty()) {
                dest = k;
            }
        }
        if (dev.isEmpty() && !noTrack) {
            report.error(line, "untracked-route", "Warning - cannot track route " + normalise(dest)
                    + " with no interface specified, not tracking", "add 'dev IF' or 'no_track'");
        }
        return new StaticRoute(dest, via, dev, table, type, line.text(), line.position());
    }

    Optional<StaticRule> rule(Node line, BuildReport report) {
        List<String> w = line.words().stream().map(t -> t.text()).toList();
        String from = "";
        String to = "";
        String table = "";
        long preference = -1;
        for (int i = 0; i + 1 < w.size(); i++) {
            String k = w.get(i);
            String v = w.get(i + 1);
            switch (k) {
                case "from", "to" -> {
                    if (!v.equals("all") && Values.parseIp(v.contains("/") ? v.substring(0, v.indexOf('/')) : v).isEmpty()) {
                        report.error(line, "bad-ip", "VRRP parsed invalid IP " + v + ". skipping IP...", "");
                        report.error(line, "bad-rule", "Invalid rule " + k + " address " + v, "fix the address");
                        return Optional.empty();
                    }
                    if (k.equals("from")) {
                        from = v;
                    } else {
                        to = v;
                    }
                    i++;
                }
                case "table", "lookup" -> {
                    table = v;
                    i++;
                }
                case "preference", "priority", "pref", "order" -> {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(v, 0, 4_294_967_295L);
                    if (r.accepted()) {
                        preference = r.value();
                    } else {
                        report.error(line, "bad-value", "Invalid rule preference " + v, r.problem());
                    }
                    i++;
                }
                default -> {
                }
            }
        }
        if (preference < 0) {
            preference = nextPreference--;
            report.diagnostics().error(KaStatus.GENERAL_ERROR, line.position(), "rule-no-preference",
                    "Rule has no preference specified - setting to " + preference + ". This is probably not what you want.",
                    line.text(), "add 'preference N'");
        }
        return Optional.of(new StaticRule(from, to, table, preference, line.text(), line.position()));
    }

    private static String normalise(String dest) {
        if (dest.equals("default")) {
            return "0.0.0.0/0";
        }
        return dest.contains("/") ? dest : dest + (dest.contains(":") ? "/128" : "/32");
    }
}
