package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.syntax.Node;

import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code real_server IP [PORT] { ... }} into its virtual server, line by line as
 * keepalived's handlers do, handing checker blocks to their {@link CheckerPlugin}s.
 */
final class RealServerBuilder {

    /** Keywords whose handler reads the first argument: a bare one aborts keepalived 2.2.7. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("weight", "lvs_method", "uthreshold", "lthreshold",
            "notify_up", "notify_down", "retry", "delay_before_retry", "warmup", "connect_timeout", "delay_loop");

    private final BuildReport report;
    private final Set<String> trackFiles;
    private final Set<String> bfdInstances;

    RealServerBuilder(BuildReport report, Set<String> trackFiles, Set<String> bfdInstances) {
        this.report = report;
        this.trackFiles = trackFiles;
        this.bfdInstances = bfdInstances;
    }

    void build(VirtualServerDraft vs, Node block) {
        if (!report.require(block, 1)) {
            return;
        }
        String port = block.argCount() > 1 ? block.arg(1) : null;
        LvsAddresses.SocketAddress a = LvsAddresses.socket(block.arg(0), port);
        if (!a.ok()) {
            // keepalived prints the port as given, "(null)" when there is none.
            report.error(block, "rs-address", "Invalid real server ip address/port " + block.arg(0) + "/"
                    + (port == null ? "(null)" : port) + " - skipping", a.problem());
            return;
        }
        RealServerDraft rs = new RealServerDraft(block, a.address(), a.port(), vs.forwarding);
        String text = "[" + IpText.of(rs.address) + "]:" + Protocol.logName(vs.protocol)
                + ":" + rs.port;
        CheckerContext ctx = new CheckerContext(report, rs, text, trackFiles, bfdInstances);
        for (Node n : CheckerCommon.children(block)) {
            Optional<CheckerPlugin> checker = CheckerPlugins.forKeyword(n.keyword());
            if (checker.isPresent()) {
                rs.checkers.addAll(checker.get().parse(n, ctx));
            } else {
                apply(vs, rs, n);
            }
        }
        // rs_end_handler(): unless tunnelled, the first server fixes the service's family.
        if (rs.forwarding != null && rs.forwarding.method() == Forwarding.Method.TUN) {
            vs.realServers.add(rs);
            return;
        }
        IpFamily family = IpFamily.of(rs.address);
        if (vs.family == null) {
            vs.family = family;
        } else if (vs.family != family) {
            report.error(block, "family-mismatch", "Address family of virtual server and real server "
                    + IpText.of(rs.address) + " don't match - skipping real server.", "use one address family per virtual server"
                    + " (or TUN forwarding)");
            return;
        }
        vs.realServers.add(rs);
    }

    private void apply(VirtualServerDraft vs, RealServerDraft rs, Node n) {
        switch (n.keyword()) {
            case "inhibit_on_failure" -> report.flag(n, "Invalid inhibit_on_failure parameter " + CheckerCommon.argOrEmpty(n))
                    .ifPresent(v -> rs.inhibit = v);
            case "alpha" -> report.flag(n, "Invalid alpha parameter " + CheckerCommon.argOrEmpty(n)).ifPresent(v -> rs.alpha = v);
            case "smtp_alert" -> report.flag(n, "Invalid real_server smtp_alert parameter " + CheckerCommon.argOrEmpty(n))
                    .ifPresent(v -> rs.smtpAlert = v);
            case "virtualhost" -> {
                if (n.argCount() == 0) {
                    report.error(n, "rs-virtualhost", "real server virtualhost missing", "write: virtualhost NAME");
                } else {
                    rs.virtualhost = String.join(" ", n.args());
                }
            }
            case "snmp_name" -> {
                if (n.argCount() != 1) {
                    report.error(n, "rs-snmp-name", "real server snmp_name missing or extra parameters", "write: snmp_name NAME");
                } else {
                    rs.snmpName = n.arg(0);
                }
            }
            default -> {
                if (VALUE_KEYWORDS.contains(n.keyword()) && report.require(n, 1)) {
                    applyValue(vs, rs, n);
                }
            }
        }
    }

    private void applyValue(VirtualServerDraft vs, RealServerDraft rs, Node n) {
        String v = n.arg(0);
        switch (n.keyword()) {
            case "weight" -> report.unsigned(n, 0, KeepalivedNumbers.WEIGHT_LIMIT, "Real server weight " + v
                    + " is outside range 0-" + KeepalivedNumbers.WEIGHT_LIMIT).ifPresent(x -> rs.weight = x);
            case "lvs_method" -> rs.forwarding = LvsForwarding.parse(n, "real", rs.forwarding, report);
            case "uthreshold" -> report.unsigned(n, 0, KeepalivedNumbers.UINT_MAX, "Invalid real_server uthreshold '" + v
                    + "' - ignoring").ifPresent(x -> rs.upperThreshold = x);
            case "lthreshold" -> report.unsigned(n, 0, KeepalivedNumbers.UINT_MAX, "Invalid real_server lthreshold '" + v
                    + "' - ignoring").ifPresent(x -> rs.lowerThreshold = x);
            case "notify_up" -> {
                if (rs.notifyUp != null) {
                    report.error(n, "duplicate-script", "(" + vs.groupNameOrNull() + ") notify_up script already specified - ignoring " + v, "");
                } else {
                    rs.notifyUp = LvsScripts.notify(n);
                }
            }
            case "notify_down" -> {
                if (rs.notifyDown != null) {
                    report.error(n, "duplicate-script", "(" + vs.groupNameOrNull() + ") notify_down script already specified - ignoring " + v, "");
                } else {
                    rs.notifyDown = LvsScripts.notify(n);
                }
            }
            case "retry" -> report.unsigned(n, 1, KeepalivedNumbers.UINT_MAX, "retry value invalid - " + v).ifPresent(x -> rs.retry = x);
            case "delay_before_retry" -> report.timer(n, 0, 0, "real server delay_before_retry '" + v + "' invalid - ignoring")
                    .ifPresent(x -> rs.delayBeforeRetry = x);
            case "warmup" -> report.timer(n, 0, 0, "real server warmup '" + v + "' invalid - ignoring").ifPresent(x -> rs.warmup = x);
            case "connect_timeout" -> report.timer(n, 1, KeepalivedNumbers.UINT_MAX, "real server connect_timeout " + v
                    + " invalid - ignoring").ifPresent(x -> rs.connectTimeout = x);
            case "delay_loop" -> report.timer(n, 1, 0, "real server delay_loop '" + v + "' invalid - ignoring")
                    .ifPresent(x -> rs.delayLoop = x);
            default -> {
                // unknown keywords are the schema's to report
            }
        }
    }
}
