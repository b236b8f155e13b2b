package io.keepalived4j.config.build;

import io.keepalived4j.config.model.GarpSettings;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link GlobalDefs} from every {@code global_defs} block (later ones add to earlier ones,
 * as in keepalived), with keepalived 2.2.7's defaults and value checks.
 */
final class GlobalDefsBuilder {

    /** Keywords with a typed field; everything else lands in {@link GlobalDefs#other()}. */
    private static final Set<String> TYPED = Set.of("router_id", "notification_email", "notification_email_from",
            "smtp_server", "smtp_helo_name", "smtp_connect_timeout", "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker",
            "script_user", "enable_script_security", "vrrp_mcast_group4", "vrrp_mcast_group6", "default_interface",
            "vrrp_version", "vrrp_strict", "vrrp_garp_master_delay", "vrrp_garp_master_repeat",
            "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay",
            "vrrp_garp_lower_prio_repeat", "vrrp_garp_interval", "vrrp_gna_interval", "vrrp_down_timer_adverts",
            "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert", "vrrp_owner_ignore_adverts",
            "v3_checksum_as_v2", "vrrp_check_unicast_src", "dynamic_interfaces", "include_check", "notify_fifo",
            "vrrp_notify_fifo", "notify_fifo_script", "vrrp_notify_fifo_script");

    private GlobalDefsBuilder() {
    }

    private static final java.util.Set<String> PROCESS_KEYWORDS = java.util.Set.of("net_namespace",
            "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir", "child_wait_time",
            "linkbeat_use_polling");

    static GlobalDefs build(List<Node> roots, BuildReport report) {
        List<Node> statements = new ArrayList<>();
        for (Node n : roots) {
            if (n.keyword().equals("global_defs") && n.isBlock()) {
                statements.addAll(n.children());
            }
        }
        Node block = new Node(io.keepalived4j.config.Position.NONE, List.of(), statements);
        Fields f = Fields.of(block, report.diagnostics());
        String host = io.keepalived4j.config.LoadOptions.hostName();

        // Empty when not written: keepalived then uses the host name of the machine it runs on, which
        // a configuration checked elsewhere (or several nodes' files checked together) cannot know.
        String routerId = "";
        Optional<Node> rid = f.last("router_id");
        if (rid.isPresent()) {
            if (rid.get().argCount() == 0) {
                // Unlike most keywords, a bare router_id is only an error, not keepalived's exit 2.
                report.error(rid.get(), "missing-value", "routerid name missing - ignoring", "write: router_id NAME");
            } else {
                routerId = rid.get().arg(0);
            }
        }
        List<String> emails = new ArrayList<>();
        for (Node n : f.all("notification_email")) {
            emails.addAll(n.args());
            if (n.isBlock()) {
                n.children().forEach(c -> c.words().forEach(w -> emails.add(w.text())));
            }
        }
        String from = f.string("notification_email_from").orElse("root@" + host);
        String smtpServer = "";
        int smtpPort = 25;
        Optional<Node> smtp = f.last("smtp_server");
        if (smtp.isPresent() && report.require(smtp.get(), 1)) {
            smtpServer = smtp.get().arg(0);
            if (smtp.get().argCount() > 1) {
                KeepalivedNumbers.Result port = KeepalivedNumbers.unsigned(smtp.get().arg(1), 1, 65535);
                if (port.accepted()) {
                    smtpPort = (int) port.value();
                } else {
                    report.error(smtp.get(), "bad-value", "Invalid smtp_server port " + smtp.get().arg(1), port.problem());
                }
            }
        }
        String helo = f.string("smtp_helo_name").orElse(host);
        double smtpTimeout = seconds(f, report, "smtp_connect_timeout", 1, 0, 30);

        String scriptUser = "";
        String scriptGroup = "";
        for (Node su : f.all("script_user")) {
            if (su.argCount() == 0) {
                // keepalived 2.2.7 complains and carries on (no exit 2 here).
                report.error(su, "missing-value", "No script username specified", "write: script_user USER [GROUP]");
                continue;
            }
            // USER [GROUP], as set_default_script_user() reads them ("user:group" is one user name).
            scriptUser = su.arg(0);
            scriptGroup = su.argCount() > 1 ? su.arg(1) : "";
        }

        InetAddress g4 = address(f, report, "vrrp_mcast_group4", "224.0.0.18");
        InetAddress g6 = address(f, report, "vrrp_mcast_group6", "ff02::12");
        String defaultIf = f.string("default_interface").orElse("eth0");
        int version = 2;
        Optional<Node> vv = f.last("vrrp_version");
        if (vv.isPresent() && report.require(vv.get(), 1)) {
            version = (int) report.unsigned(vv.get(), 2, 3, "Unknown VRRP version " + vv.get().arg(0)).orElse(2);
        }

        GarpSettings garp = garp(f, report);
        int downTimerAdverts = (int) integer(f, report, "vrrp_down_timer_adverts", 1, 100, 3);

        Map<String, List<String>> other = new LinkedHashMap<>();
        for (Node n : statements) {
            if (!TYPED.contains(n.keyword()) && !n.keyword().isEmpty()) {
                other.put(n.keyword(), n.args());
            }
        }
        // The top-level process keywords (net_namespace, instance, use_pid_dir, ...) travel with
        // global_defs' other settings: the daemon needs them, nothing else does.
        for (Node n : roots) {
            if (PROCESS_KEYWORDS.contains(n.keyword()) && !n.isBlock()) {
                other.put(n.keyword(), n.args());
            }
        }
        return new GlobalDefs(routerId, List.copyOf(emails), from, smtpServer, smtpPort, helo, smtpTimeout,
                flag(f, report, "smtp_alert"), flag(f, report, "smtp_alert_vrrp"), flag(f, report, "smtp_alert_checker"),
                scriptUser, scriptGroup, f.has("enable_script_security"), g4, g6, defaultIf, version,
                f.has("vrrp_strict"), garp, downTimerAdverts, isSet(f, report, "vrrp_lower_prio_no_advert"),
                isSet(f, report, "vrrp_higher_prio_send_advert"), isSet(f, report, "vrrp_owner_ignore_adverts"),
                isSet(f, report, "v3_checksum_as_v2"), f.has("vrrp_check_unicast_src"), f.has("dynamic_interfaces"),
                f.has("include_check"), f.string("notify_fifo").orElse(""), f.string("vrrp_notify_fifo").orElse(""),
                fifoScripts(f, report), other);
    }

    /** notify_fifo_script / vrrp_notify_fifo_script / lvs_notify_fifo_script CMD [USER [GROUP]], as the other script keywords. */
    private static Map<String, io.keepalived4j.config.model.Script> fifoScripts(Fields f, BuildReport report) {
        Map<String, io.keepalived4j.config.model.Script> out = new LinkedHashMap<>();
        for (String kw : List.of("notify_fifo_script", "vrrp_notify_fifo_script", "lvs_notify_fifo_script")) {
            f.last(kw).ifPresent(n -> {
                if (report.require(n, 1)) {
                    out.put(kw, TrackLines.script(n, 0));
                }
            });
        }
        return out;
    }

    private static GarpSettings garp(Fields f, BuildReport report) {
        GarpSettings d = GarpSettings.DEFAULTS;
        double delay = seconds(f, report, "vrrp_garp_master_delay", 0, 0, d.masterDelaySeconds());
        int repeat = (int) integer(f, report, "vrrp_garp_master_repeat", 1, 255, d.masterRepeat());
        double refresh = seconds(f, report, "vrrp_garp_master_refresh", 0, 0, d.masterRefreshSeconds());
        int refreshRepeat = (int) integer(f, report, "vrrp_garp_master_refresh_repeat", 1, 255, d.masterRefreshRepeat());
        double lowerDelay = seconds(f, report, "vrrp_garp_lower_prio_delay", 0, 0, delay);
        int lowerRepeat = (int) integer(f, report, "vrrp_garp_lower_prio_repeat", 1, 255, repeat);
        // keepalived: "number '0' outside range [0.000001, 4294.967295]" + "vrrp_garp_interval '0' is invalid".
        double interval = seconds(f, report, "vrrp_garp_interval", 1, 4_294_967_295L, 0);
        double gna = seconds(f, report, "vrrp_gna_interval", 1, 4_294_967_295L, 0);
        return new GarpSettings(delay, repeat, refresh, refreshRepeat, lowerDelay, lowerRepeat, interval, gna);
    }

    static double seconds(Fields f, BuildReport report, String kw, long minMicros, long maxMicros, double dflt) {
        Optional<Node> n = f.last(kw);
        if (n.isEmpty() || !report.require(n.get(), 1)) {
            return dflt;
        }
        return report.timer(n.get(), minMicros, maxMicros, kw + " '" + n.get().arg(0) + "' is invalid")
                .map(d -> d.toNanos() / 1e9).orElse(dflt);
    }

    static long integer(Fields f, BuildReport report, String kw, long min, long max, long dflt) {
        Optional<Node> n = f.last(kw);
        if (n.isEmpty() || !report.require(n.get(), 1)) {
            return dflt;
        }
        return report.unsigned(n.get(), min, max, kw + " '" + n.get().arg(0) + "' is invalid").orElse(dflt);
    }

    private static InetAddress address(Fields f, BuildReport report, String kw, String dflt) {
        InetAddress fallback = Values.parseIp(dflt).orElseThrow();
        Optional<Node> n = f.last(kw);
        if (n.isEmpty() || !report.require(n.get(), 1)) {
            return fallback;
        }
        Optional<InetAddress> a = Values.parseIp(n.get().arg(0));
        if (a.isEmpty() || !a.get().isMulticastAddress()) {
            report.error(n.get(), "bad-value", kw + " '" + n.get().arg(0) + "' is not a multicast address - ignoring",
                    "use e.g. 224.0.0.18 or ff02::12");
            return fallback;
        }
        return a.get();
    }

    private static Boolean flag(Fields f, BuildReport report, String kw) {
        return f.last(kw).flatMap(n -> report.flag(n, "Invalid value '" + String.join(" ", n.args()) + "' for " + kw))
                .orElse(null);
    }

    private static boolean isSet(Fields f, BuildReport report, String kw) {
        Boolean b = flag(f, report, kw);
        return b != null && b;
    }
}
