package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.lvs.Persistence;
import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.SchedulerFlag;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.syntax.Node;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code virtual_server} block in file order, as keepalived's handlers in
 * check_parser.c do: each line is applied when it is met, so {@code sh-port} depends on the
 * {@code lvs_sched} above it and a real server inherits the {@code lvs_method} written before it.
 * Checks that need the whole block run later in {@link VirtualServerValidator}.
 */
final class VirtualServerBuilder {

    /** The schedulers keepalived 2.2.7 accepts (lvs_schedulers[] in check_parser.c). */
    static final List<String> SCHEDULERS = List.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf",
            "lblcr", "sed", "nq", "twos");

    /** Keywords whose handler reads the first argument: a bare one aborts keepalived 2.2.7. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("ip_family", "retry", "delay_before_retry", "warmup",
            "connect_timeout", "delay_loop", "lb_algo", "lvs_sched", "lb_kind", "lvs_method", "persistence_engine",
            "persistence_granularity", "protocol", "quorum_up", "quorum_down", "quorum", "hysteresis", "weight",
            "sorry_server", "sorry_server_lvs_method");

    /** IP_VS_PENAME_MAXLEN - 1. */
    private static final int MAX_ENGINE_NAME = 15;
    /** LVS_MAX_TIMEOUT: 31 days. */
    private static final long MAX_PERSISTENCE = 2_678_400;

    private final BuildReport report;
    private final RealServerBuilder realServers;

    VirtualServerBuilder(BuildReport report, Set<String> trackFiles, Set<String> bfdInstances) {
        this.report = report;
        this.realServers = new RealServerBuilder(report, trackFiles, bfdInstances);
    }

    /** Empty when keepalived skips the whole block (bad address or fwmark). */
    Optional<VirtualServerDraft> build(Node block) {
        Optional<ServiceKey> key = key(block);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        VirtualServerDraft vs = new VirtualServerDraft(block, key.get());
        for (Node n : CheckerCommon.children(block)) {
            apply(vs, n);
        }
        sorryServerFamily(vs);
        return Optional.of(vs);
    }

    private Optional<ServiceKey> key(Node block) {
        if (!report.require(block, 1)) {
            return Optional.empty();
        }
        String first = block.arg(0);
        if (first.equals("group")) {
            return report.require(block, 2) ? Optional.of(new ServiceKey.Group(block.arg(1))) : Optional.empty();
        }
        if (first.equals("fwmark")) {
            if (!report.require(block, 2)) {
                return Optional.empty();
            }
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(block.arg(1), 0, KeepalivedNumbers.UINT_MAX);
            if (!r.accepted()) {
                report.error(block, "vs-fwmark", "virtual server fwmark '" + block.arg(1) + "' must be in [0, "
                        + KeepalivedNumbers.UINT_MAX + "] - ignoring", r.problem());
                return Optional.empty();
            }
            return Optional.of(new ServiceKey.Fwmark(r.value()));
        }
        String port = block.argCount() > 1 ? block.arg(1) : null;
        LvsAddresses.SocketAddress a = LvsAddresses.socket(first, port);
        if (!a.ok()) {
            boolean hasPort = port != null && !port.chars().allMatch(c -> c == '0');
            report.error(block, "vs-address", "Invalid virtual server IP address" + (hasPort ? "/port" : "") + " " + first
                    + (hasPort ? "/" + port : "") + " - skipping", a.problem());
            return Optional.empty();
        }
        return Optional.of(new ServiceKey.Address(a.address(), a.port()));
    }

    private void apply(VirtualServerDraft vs, Node n) {
        String kw = n.keyword();
        switch (kw) {
            case "real_server" -> realServers.build(vs, n);
            case "hashed", "ops", "flag-1", "flag-2", "flag-3" -> vs.flags.add(SchedulerFlag.of(kw));
            case "sh-port", "sh-fallback", "mh-port", "mh-fallback" -> schedulerFlag(vs, n);
            case "ha_suspend" -> vs.haSuspend = flagWithoutValue(n);
            case "alpha" -> vs.alpha = flagWithoutValue(n);
            case "omega" -> vs.omega = flagWithoutValue(n);
            case "inhibit_on_failure" -> vs.inhibit = flagWithoutValue(n);
            case "persistence_timeout" -> persistenceTimeout(vs, n);
            case "smtp_alert" -> report.flag(n, "Invalid virtual_server smtp_alert parameter " + CheckerCommon.argOrEmpty(n))
                    .ifPresent(v -> vs.smtpAlert = v);
            case "virtualhost" -> {
                if (n.argCount() == 0) {
                    report.error(n, "vs-virtualhost", "virtual server virtualhost missing", "write: virtualhost NAME");
                } else {
                    vs.virtualhost = String.join(" ", n.args());
                }
            }
            case "snmp_name" -> {
                if (n.argCount() != 1) {
                    report.error(n, "vs-snmp-name", "virtual server snmp_name missing or extra parameters", "write: snmp_name NAME");
                } else {
                    vs.snmpName = n.arg(0);
                }
            }
            case "sorry_server_inhibit" -> {
                if (vs.sorry != null) {
                    vs.sorry.inhibit = true;
                } else {
                    report.error(n, "sorry-server", "Ignoring sorry_server inhibit used before or without sorry_server",
                            "put sorry_server_inhibit after sorry_server");
                }
            }
            default -> {
                if (VALUE_KEYWORDS.contains(kw) && report.require(n, 1)) {
                    applyValue(vs, n);
                }
            }
        }
    }

    private void applyValue(VirtualServerDraft vs, Node n) {
        String v = n.arg(0);
        switch (n.keyword()) {
            case "ip_family" -> ipFamily(vs, n);
            case "retry" -> report.unsigned(n, 1, KeepalivedNumbers.UINT_MAX, "retry value invalid - " + v)
                    .ifPresent(x -> vs.retry = x);
            case "delay_before_retry" -> report.timer(n, 0, 0, "virtual server delay before retry '" + v + "' invalid - ignoring")
                    .ifPresent(x -> vs.delayBeforeRetry = x);
            case "warmup" -> report.timer(n, 0, 0, "virtual server warmup '" + v + "' invalid - ignoring")
                    .ifPresent(x -> vs.warmup = x);
            case "connect_timeout" -> report.timer(n, 1, KeepalivedNumbers.UINT_MAX, "virtual server connect_timeout " + v
                    + " invalid - ignoring").ifPresent(x -> vs.connectTimeout = x);
            case "delay_loop" -> report.timer(n, 1, 0, "virtual server delay loop '" + v + "' invalid - ignoring")
                    .ifPresent(x -> vs.delayLoop = x);
            case "lb_algo", "lvs_sched" -> {
                if (SCHEDULERS.contains(v)) {
                    vs.scheduler = v;
                } else {
                    report.error(n, "lvs-sched", "Invalid lvs_scheduler '" + v + "' - ignoring",
                            "use one of " + String.join(" ", SCHEDULERS));
                }
            }
            case "lb_kind", "lvs_method" -> vs.forwarding = LvsForwarding.parse(n, "virtual", vs.forwarding, report);
            case "persistence_engine" -> {
                if (v.length() > MAX_ENGINE_NAME) {
                    report.error(n, "persistence-engine", "persistence_name too long, truncating - " + v, "");
                }
                vs.engine = v.length() > MAX_ENGINE_NAME ? v.substring(0, MAX_ENGINE_NAME) : v;
            }
            case "persistence_granularity" -> granularity(vs, n);
            case "protocol" -> {
                Optional<Protocol> p = Protocol.parse(v);
                if (p.isPresent()) {
                    vs.protocol = p;
                } else {
                    report.error(n, "protocol", "Unknown protocol " + v + " - ignoring", "use TCP, UDP or SCTP");
                }
            }
            case "quorum_up" -> {
                if (vs.quorumUp != null) {
                    report.error(n, "duplicate-script", "(" + vs.groupNameOrNull() + ") quorum_up script already specified - ignoring " + v, "");
                } else {
                    vs.quorumUp = LvsScripts.notify(n);
                }
            }
            case "quorum_down" -> {
                if (vs.quorumDown != null) {
                    report.error(n, "duplicate-script", "(" + vs.groupNameOrNull() + ") quorum_down script already specified - ignoring " + v, "");
                } else {
                    vs.quorumDown = LvsScripts.notify(n);
                }
            }
            case "quorum" -> {
                KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(v, 1, KeepalivedNumbers.UINT_MAX);
                if (!r.accepted()) {
                    report.error(n, "bad-value", "Quorum " + v + " must be in [1, " + KeepalivedNumbers.UINT_MAX + "]. Setting to 1.",
                            r.problem());
                }
                vs.quorum = r.accepted() ? r.value() : 1;
            }
            case "hysteresis" -> report.unsigned(n, 0, KeepalivedNumbers.UINT_MAX, "Hysteresis " + v + " must be in [0, "
                    + KeepalivedNumbers.UINT_MAX + "] - ignoring").ifPresent(x -> vs.hysteresis = x);
            case "weight" -> report.unsigned(n, 1, KeepalivedNumbers.WEIGHT_LIMIT, "Virtual server weight " + v
                    + " is outside range 1-" + KeepalivedNumbers.WEIGHT_LIMIT).ifPresent(x -> vs.weight = x);
            case "sorry_server" -> sorryServer(vs, n);
            case "sorry_server_lvs_method" -> {
                if (vs.sorry != null) {
                    vs.sorry.forwarding = LvsForwarding.parse(n, "sorry", vs.sorry.forwarding, report);
                } else {
                    report.error(n, "sorry-server", "sorry_server forwarding used without sorry_server",
                            "put sorry_server_lvs_method after sorry_server");
                }
            }
            default -> {
                // unknown keywords are the schema's to report
            }
        }
    }

    /** These virtual server flags take no value: keepalived sets them whatever follows. */
    private boolean flagWithoutValue(Node n) {
        if (n.argCount() > 0) {
            report.note(n, "ignored-value", "keepalived ignores the value of '" + n.keyword()
                    + "' in a virtual_server: the keyword alone turns it on", "remove '" + String.join(" ", n.args()) + "'");
        }
        return true;
    }

    private void schedulerFlag(VirtualServerDraft vs, Node n) {
        String kw = n.keyword();
        if ("sh".equals(vs.scheduler)) {
            if (kw.startsWith("sh-")) {
                vs.flags.add(SchedulerFlag.of(kw));
            }
        } else if ("mh".equals(vs.scheduler)) {
            if (kw.startsWith("mh-")) {
                vs.flags.add(SchedulerFlag.of(kw));
            }
        } else {
            report.error(n, "scheduler-flag", kw + " only applies to sh scheduler - ignoring",
                    "set lvs_sched sh (or mh) before " + kw);
        }
    }

    private void persistenceTimeout(VirtualServerDraft vs, Node n) {
        if (n.argCount() == 0) {
            vs.persistenceTimeout = Persistence.DEFAULT_TIMEOUT;
            return;
        }
        report.unsigned(n, 1, MAX_PERSISTENCE, "persistence_timeout invalid").ifPresent(x -> vs.persistenceTimeout = x);
    }

    private void ipFamily(VirtualServerDraft vs, Node n) {
        Optional<IpFamily> f = IpFamily.parse(n.arg(0));
        if (f.isEmpty()) {
            report.error(n, "ip-family", "unknown address family " + n.arg(0), "use inet or inet6");
        } else if (vs.family != null && vs.family != f.get()) {
            report.error(n, "ip-family", "Virtual server specified family " + n.arg(0) + " conflicts with server family",
                    "the addresses of this virtual server are " + vs.family.keyword());
        } else {
            vs.family = f.get();
        }
    }

    /**
     * An IPv4 netmask (any inet_aton() form; keepalived 2.2.7 no longer insists on a solid mask)
     * or an IPv6 prefix length 1..128. The family is the service's, else guessed from a '.'.
     */
    private void granularity(VirtualServerDraft vs, Node n) {
        String v = n.arg(0);
        IpFamily af = vs.family != null ? vs.family : v.contains(".") ? IpFamily.INET : IpFamily.INET6;
        if (af == IpFamily.INET6) {
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(v, 1, 128);
            if (!r.accepted()) {
                report.error(n, "persistence-granularity", "Invalid IPv6 persistence_granularity specified - " + v, r.problem());
                return;
            }
        } else {
            Optional<Inet4Address> mask = LvsAddresses.aton(v);
            if (mask.isEmpty()) {
                report.error(n, "persistence-granularity", "Invalid IPv4 persistence_granularity specified - " + v,
                        "persistence_granularity is a netmask such as 255.255.255.0");
                return;
            }
        }
        vs.granularity = v;
        if (vs.family == null) {
            vs.family = af;
        }
        if (vs.persistenceTimeout == 0) {
            vs.persistenceTimeout = Persistence.DEFAULT_TIMEOUT;
        }
    }

    private void sorryServer(VirtualServerDraft vs, Node n) {
        LvsAddresses.SocketAddress a = LvsAddresses.socket(n.arg(0), n.argCount() > 1 ? n.arg(1) : null);
        if (!a.ok()) {
            report.error(n, "sorry-server", "Invalid sorry server IP address " + n.arg(0) + " - skipping", a.problem());
            return;
        }
        vs.sorry = new VirtualServerDraft.Sorry(n, a.address(), a.port(), vs.forwarding);
    }

    /** vs_end_handler(): a sorry server of the other family is dropped (unless tunnelled). */
    private void sorryServerFamily(VirtualServerDraft vs) {
        if (vs.sorry == null || (vs.sorry.forwarding != null && vs.sorry.forwarding.method() == Forwarding.Method.TUN)) {
            return;
        }
        IpFamily sorryFamily = IpFamily.of(vs.sorry.address);
        if (vs.family == null) {
            vs.family = sorryFamily;
        } else if (vs.family != sorryFamily) {
            report.error(vs.sorry.node, "family-mismatch", "Address family of virtual server and sorry server "
                    + IpText.of(vs.sorry.address) + " don't match - skipping sorry server.",
                    "use a sorry server of the service's family");
            vs.sorry = null;
        }
    }
}
