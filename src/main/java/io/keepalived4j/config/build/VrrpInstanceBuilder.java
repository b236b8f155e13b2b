package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.GarpSettings;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpState;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Builds one {@link VrrpInstance} with keepalived's defaults and inheritance from global_defs
 * (vrrp_parser.c handlers, then vrrp_complete_instance()), reporting what keepalived 2.2.7
 * reports, in its words. An instance keepalived would drop (no VRID) yields empty.
 */
final class VrrpInstanceBuilder {

    /** Keywords whose handler reads a value: without it keepalived 2.2.7 stops with exit 2. */
    private static final Set<String> NEEDS_VALUE = Set.of("state", "interface", "virtual_router_id", "priority",
            "advert_int", "version", "mcast_src_ip", "unicast_src_ip", "mcast_dst_ip", "unicast_ttl", "vrf",
            "kernel_rx_buf_size");
    private static final Set<String> TYPED = Set.of("state", "interface", "virtual_router_id", "priority", "advert_int",
            "version", "authentication", "virtual_ipaddress", "virtual_ipaddress_excluded", "nopreempt", "preempt",
            "preempt_delay", "mcast_src_ip", "unicast_src_ip", "unicast_peer", "track_interface", "track_script",
            "track_file", "track_process", "strict_mode", "garp_master_delay", "garp_master_repeat", "garp_master_refresh",
            "garp_master_refresh_repeat", "garp_lower_prio_delay", "garp_lower_prio_repeat", "down_timer_adverts",
            "use_vmac", "accept", "no_accept", "smtp_alert", "virtual_routes", "virtual_rules", "notify_master",
            "notify_backup", "notify_fault", "notify_stop", "notify_deleted", "notify_master_rx_lower_pri", "notify");

    private VrrpInstanceBuilder() {
    }

    static Optional<VrrpInstance> build(Node node, GlobalDefs global, RouteLines routeLines, BuildReport report) {
        Fields f = Fields.of(node, report.diagnostics());
        String name = f.name();
        String tag = "(" + name + ")";
        if (node.children() != null) {
            for (Node n : node.children()) {
                if (NEEDS_VALUE.contains(n.keyword())) {
                    report.require(n, 1);
                }
            }
        }

        VrrpState state = VrrpState.BACKUP;
        boolean stateGiven = false;
        Optional<Node> st = f.last("state");
        if (st.isPresent() && st.get().argCount() > 0) {
            String s = st.get().arg(0);
            if (s.equals("MASTER") || s.equals("BACKUP")) {
                state = VrrpState.valueOf(s);
                stateGiven = true;
            } else {
                String hint = s.equalsIgnoreCase("master") || s.equalsIgnoreCase("backup")
                        ? "states are upper case: write " + s.toUpperCase(java.util.Locale.ROOT)
                        : "the states are MASTER and BACKUP; did you mean BACKUP?";
                report.error(st.get(), "bad-state", tag + " unknown state '" + s + "', defaulting to BACKUP", hint);
            }
        }

        String iface = f.last("interface").filter(n -> n.argCount() > 0).map(n -> n.arg(0)).orElse("");
        int vrid = (int) ranged(f.last("virtual_router_id"), 1, 255, report, "bad-vrid",
                v -> tag + ": VRID '" + v + "' not valid - must be between 1 & 255",
                "use a VRID from 1 to 255, the same on every node of the group").orElse(0);
        int priority = (int) ranged(f.last("priority"), 1, 255, report, "bad-priority",
                v -> tag + " Priority not valid! must be between 1 & 255. Using default 100",
                "use 1..254 (255 means address owner)").orElse(-1);
        // keepalived: state MASTER without a priority means the address owner (255).
        if (priority < 0) {
            priority = stateGiven && state == VrrpState.MASTER ? 255 : 100;
        }

        int version = global.vrrpVersion();
        Optional<Node> ver = f.last("version");
        if (ver.isPresent() && ver.get().argCount() > 0) {
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(ver.get().arg(0), 2, 3);
            if (r.accepted()) {
                version = (int) r.value();
            } else {
                report.error(ver.get(), "bad-version", tag + " Version not valid! must be between 2 & 3", r.problem());
            }
        }

        List<VirtualAddress> vips = new ArrayList<>();
        for (Node line : f.items("virtual_ipaddress")) {
            AddressLines.parse(line, report).ifPresent(vips::add);
        }
        if (!vips.isEmpty()) {
            boolean v6 = vips.getFirst().isIpv6();
            List<VirtualAddress> same = new ArrayList<>();
            for (VirtualAddress a : vips) {
                if (a.isIpv6() != v6) {
                    report.diagnostics().error(KaStatus.GENERAL_ERROR, a.position(), "vip-family",
                            tag + ": address family must match VRRP instance [" + a.address().getHostAddress() + "/"
                                    + a.prefixLength() + "] - ignoring", "",
                            "put the other family's addresses in virtual_ipaddress_excluded or another instance");
                } else {
                    same.add(a);
                }
            }
            vips = same;
            if (v6 && version == 2) {
                version = 3;   // IPv6 is VRRPv3 only (RFC 5798).
            }
        }
        List<VirtualAddress> excluded = new ArrayList<>();
        for (Node line : f.items("virtual_ipaddress_excluded")) {
            AddressLines.parse(line, report).ifPresent(excluded::add);
        }
        if (vips.isEmpty() && excluded.isEmpty() && !f.has("no_virtual_ipaddress")) {
            report.error(node, "no-vip", tag + " No VIP specified; at least one is sensible",
                    "add a virtual_ipaddress block (or no_virtual_ipaddress if this is intended)");
        }

        double advert = 1;
        Optional<Node> ai = f.last("advert_int");
        if (ai.isPresent() && ai.get().argCount() > 0) {
            KeepalivedNumbers.Result r = KeepalivedNumbers.timer(ai.get().arg(0), 10_000, 255_000_000);
            if (r.accepted() && !r.hasProblem()) {
                advert = r.value() / 1e6;
            } else {
                report.diagnostics().error(KaStatus.INVALID_NUMBER, ai.get().argPosition(0), "bad-value",
                        r.problem() == null ? "invalid advert_int" : r.problem(), ai.get().text(), "");
                report.error(ai.get(), "bad-advert-int", tag + " Advert interval (" + ai.get().arg(0)
                        + ") not valid! Must be > 0 - ignoring", "use 1..255 seconds (VRRPv3: 0.01..40.95)");
            }
        }
        if (version == 2 && advert != Math.rint(advert)) {
            report.error(ai.orElse(node), "advert-int-rounded", String.format(java.util.Locale.ROOT,
                    "%s VRRPv2 advertisement interval %fs must be an integer. rounding", tag, advert),
                    "use whole seconds with VRRPv2, or 'version 3' for sub-second adverts");
            advert = Math.max(1, Math.rint(advert));
        } else if (version == 3) {
            advert = Math.rint(advert * 100) / 100.0;   // RFC 5798 section 5.2.7: centiseconds.
            if (advert > 40.95) {
                report.error(ai.orElse(node), "advert-int-range", tag + " VRRPv3 advertisement interval must be <= 40.95s",
                        "VRRPv3 carries the interval in 12 bits of centiseconds");
                advert = 40.95;
            }
        }

        AuthType authType = AuthType.NONE;
        String authPass = "";
        Optional<Node> auth = f.last("authentication");
        if (auth.isPresent() && auth.get().isBlock()) {
            Fields a = Fields.of(auth.get(), report.diagnostics());
            Optional<Node> type = a.last("auth_type");
            if (type.isPresent() && report.require(type.get(), 1)) {
                switch (type.get().arg(0)) {
                    case "PASS" -> authType = AuthType.PASS;
                    case "AH" -> authType = AuthType.AH;
                    default -> report.error(type.get(), "bad-auth-type", "unknown authentication type '" + type.get().arg(0) + "'",
                            "use PASS or AH");
                }
            }
            Optional<Node> pass = a.last("auth_pass");
            if (pass.isPresent() && report.require(pass.get(), 1)) {
                authPass = pass.get().arg(0);
                if (authPass.length() > 8) {
                    report.error(pass.get(), "auth-pass-truncated", "Truncating auth_pass to 8 characters",
                            "VRRPv2 carries at most 8 characters; every node must use the same first 8");
                    authPass = authPass.substring(0, 8);
                }
            }
            if (authType != AuthType.NONE && authPass.isEmpty()) {
                report.error(auth.get(), "auth-no-pass", tag + " Authentication specified but no password given. Ignoring",
                        "add auth_pass on its own line");
                authType = AuthType.NONE;
            }
        }

        boolean strict = global.vrrpStrict() || f.flag("strict_mode").orElse(false);
        boolean nopreempt = f.has("nopreempt") && !lastWins(f, "preempt", "nopreempt");
        if (stateGiven && state == VrrpState.MASTER && authType == AuthType.AH) {
            report.error(auth.orElse(node), "ah-master", tag + " Initial state master is incompatible with AH authentication - clearing",
                    "AH needs the peer's sequence number first: start as BACKUP");
            state = VrrpState.BACKUP;
        }
        if (nopreempt && stateGiven && state == VrrpState.MASTER) {
            report.error(f.last("nopreempt").orElse(node), "nopreempt-master",
                    tag + " Warning - nopreempt will not work with initial state MASTER - clearing",
                    "use state BACKUP on every node with nopreempt");
            nopreempt = false;
        }
        if (strict) {
            if (stateGiven && state == VrrpState.MASTER && priority != 255) {
                report.error(st.orElse(node), "strict-master", tag + " State MASTER must match being address owner",
                        "in strict mode only priority 255 may start as MASTER");
                state = VrrpState.BACKUP;
            }
            if (authType != AuthType.NONE) {
                report.error(auth.orElse(node), "strict-auth", tag + " Strict mode does not support authentication. Ignoring.",
                        "remove the authentication block, or vrrp_strict");
                authType = AuthType.NONE;
                authPass = "";
            }
        }

        double preemptDelay = GlobalDefsBuilder.seconds(f, report, "preempt_delay", 0, 1_000_000_000L, 0);
        InetAddress src = address(f, "unicast_src_ip", report).or(() -> address(f, "mcast_src_ip", report)).orElse(null);
        List<UnicastPeer> peers = peers(f.items("unicast_peer"), report);
        if (peers.isEmpty() && f.has("unicast_src_ip")) {
            report.error(f.last("unicast_src_ip").get(), "unicast-no-peer", tag + " A unicast keyword has been specified"
                    + " without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your"
                    + " configuration.", "add a unicast_peer block, or use mcast_src_ip");
        }
        if (iface.isEmpty() && !(src != null && !peers.isEmpty())) {
            report.error(node, "no-interface", tag + " Unknown interface!", "add: interface eth0");
        }

        GarpSettings g = global.garp();
        double garpDelay = GlobalDefsBuilder.seconds(f, report, "garp_master_delay", 0, 0, g.masterDelaySeconds());
        int garpRepeat = (int) GlobalDefsBuilder.integer(f, report, "garp_master_repeat", 1, 255, g.masterRepeat());
        GarpSettings garp = new GarpSettings(garpDelay, garpRepeat,
                GlobalDefsBuilder.seconds(f, report, "garp_master_refresh", 0, 0, g.masterRefreshSeconds()),
                (int) GlobalDefsBuilder.integer(f, report, "garp_master_refresh_repeat", 1, 255, g.masterRefreshRepeat()),
                GlobalDefsBuilder.seconds(f, report, "garp_lower_prio_delay", 0, 0, g.lowerPrioDelaySeconds()),
                (int) GlobalDefsBuilder.integer(f, report, "garp_lower_prio_repeat", 1, 255, g.lowerPrioRepeat()),
                g.intervalSeconds(), g.gnaIntervalSeconds());
        int downTimerAdverts = strict ? 3
                : (int) GlobalDefsBuilder.integer(f, report, "down_timer_adverts", 1, 100, global.downTimerAdverts());
        boolean accept = strict ? priority == 255 || f.has("accept") : !f.has("no_accept");

        List<StaticRoute> routes = f.items("virtual_routes").stream().map(l -> routeLines.route(l, report)).toList();
        List<StaticRule> rules = new ArrayList<>();
        f.items("virtual_rules").forEach(l -> routeLines.rule(l, report).ifPresent(rules::add));

        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Node n : node.children() == null ? List.<Node>of() : node.children()) {
            if (!TYPED.contains(n.keyword()) && !n.keyword().isEmpty()) {
                settings.put(n.keyword(), n.args());
            }
        }
        if (vrid == 0) {
            report.error(node, "no-vrid", tag + " the virtual router id must be set",
                    "add: virtual_router_id N (1..255, the same on every node of the group)");
            return Optional.empty();
        }
        return Optional.of(new VrrpInstance(name, state, iface, vrid, priority, advert, version, authType, authPass,
                List.copyOf(vips), List.copyOf(excluded), nopreempt, preemptDelay, src, peers,
                TrackLines.refs(f.items("track_interface"), -253, 253, report),
                TrackLines.refs(f.items("track_script"), -253, 253, report),
                TrackLines.refs(f.items("track_file"), -254, 254, report),
                TrackLines.refs(f.items("track_process"), -254, 254, report),
                TrackLines.notifyScripts(f, report), strict, garpDelay, garpRepeat, downTimerAdverts,
                f.has("use_vmac"), accept, f.flag("smtp_alert").orElse(null), garp, routes, List.copyOf(rules),
                settings, node.position()));
    }

    /**
     * An unsigned value in [min, max] as keepalived reads it: a bad one gets the number reader's
     * message (INVALID_NUMBER) and then the keyword's own (GENERAL_ERROR), as 2.2.7 prints both.
     */
    private static OptionalLong ranged(Optional<Node> node, long min, long max, BuildReport report, String code,
                                       java.util.function.UnaryOperator<String> message, String hint) {
        if (node.isEmpty() || node.get().argCount() == 0) {
            return OptionalLong.empty();
        }
        Node n = node.get();
        KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), min, max);
        if (r.accepted()) {
            return OptionalLong.of(r.value());
        }
        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(), n.text(), "");
        report.error(n, code, message.apply(n.arg(0)), hint);
        return OptionalLong.empty();
    }

    /** True when {@code a} appears after the last {@code b}. */
    private static boolean lastWins(Fields f, String a, String b) {
        Optional<Node> na = f.last(a);
        Optional<Node> nb = f.last(b);
        if (na.isEmpty()) {
            return false;
        }
        return nb.isEmpty() || na.get().position().line() > nb.get().position().line();
    }

    private static Optional<InetAddress> address(Fields f, String kw, BuildReport report) {
        Optional<Node> n = f.last(kw);
        if (n.isEmpty() || n.get().argCount() == 0) {
            return Optional.empty();
        }
        Optional<InetAddress> a = Values.parseIp(n.get().arg(0));
        if (a.isEmpty()) {
            report.error(n.get(), "bad-ip", "VRRP parsed invalid IP " + n.get().arg(0) + ". skipping IP...",
                    "write an IP address");
        }
        return a;
    }

    private static List<UnicastPeer> peers(List<Node> lines, BuildReport report) {
        List<UnicastPeer> peers = new ArrayList<>();
        for (Node line : lines) {
            Optional<InetAddress> a = Values.parseIp(line.keyword());
            if (a.isEmpty()) {
                report.error(line, "bad-ip", "VRRP parsed invalid IP " + line.keyword() + ". skipping IP...",
                        "one peer address per line");
                continue;
            }
            int min = 0;
            int max = 255;
            List<String> args = line.args();
            for (int i = 0; i + 1 < args.size(); i += 2) {
                OptionalLong v = OptionalLong.empty();
                KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(args.get(i + 1), 0, 255);
                if (r.accepted()) {
                    v = OptionalLong.of(r.value());
                }
                switch (args.get(i)) {
                    case "min_ttl" -> min = (int) v.orElse(0);
                    case "max_ttl" -> max = (int) v.orElse(255);
                    default -> report.error(line, "bad-peer-option", "Unknown unicast_peer option " + args.get(i), "");
                }
            }
            peers.add(new UnicastPeer(a.get(), min, max));
        }
        return List.copyOf(peers);
    }
}
