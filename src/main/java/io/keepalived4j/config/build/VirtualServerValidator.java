package io.keepalived4j.config.build;

import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.lvs.CheckTiming;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.Persistence;
import io.keepalived4j.config.model.lvs.PoolPolicy;
import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.SchedulerFlag;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.SorryServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * keepalived's {@code validate_check_config()} (check_data.c): the checks that need a whole
 * virtual server, in keepalived's order and words, then the inheritance of defaults into the
 * immutable model. keepalived prints these without a line number; we point at the
 * {@code virtual_server} line.
 */
final class VirtualServerValidator {

    private final BuildReport report;
    private final Map<String, VirtualServerGroup> groups;

    VirtualServerValidator(BuildReport report, Map<String, VirtualServerGroup> groups) {
        this.report = report;
        this.groups = groups;
    }

    List<VirtualServer> validate(List<VirtualServerDraft> drafts) {
        List<VirtualServer> out = new ArrayList<>();
        for (VirtualServerDraft vs : new VirtualServerGroupLinker(report, groups).link(drafts)) {
            validate(vs).ifPresent(out::add);
        }
        return out;
    }

    private Optional<VirtualServer> validate(VirtualServerDraft vs) {
        VirtualServerGroup group = vs.key instanceof ServiceKey.Group g ? groups.get(g.name()) : null;
        if (vs.realServers.isEmpty()) {
            report.error(vs.node, "vs-no-real-servers", "Virtual server " + vs.describe() + " has no real servers - ignoring",
                    "add a real_server block");
            return Optional.empty();
        }
        boolean fwmarkKey = vs.key instanceof ServiceKey.Fwmark f && f.mark() != 0;
        boolean groupFwmarks = group != null && !group.fwmarks().isEmpty();
        boolean groupAddresses = group != null && !group.addressRanges().isEmpty();
        if (vs.haSuspend && (fwmarkKey || groupFwmarks)) {
            report.error(vs.node, "ha-suspend-fwmark", "Virtual server " + vs.describe()
                    + ": cannot use ha_suspend with fwmarks - clearing ha_suspend", "remove ha_suspend");
            vs.haSuspend = false;
        }
        // keepalived tests vfwmark, so "fwmark 0" is checked like an address.
        if (groupAddresses || (group == null && !fwmarkKey)) {
            addressChecks(vs, group == null);
        }
        if (group != null && vs.persistenceTimeout == 0
                && group.addressRanges().stream().anyMatch(r -> r.port() == 0)) {
            zeroPort(vs);
        }
        if (vs.protocol.isPresent() && ((group != null && !groupAddresses && groupFwmarks) || (group == null && fwmarkKey))) {
            report.warning(vs.node, "fwmark-protocol", "Warning: Virtual server " + vs.describe()
                    + ": protocol specified for fwmark - protocol will be ignored", "remove the protocol line");
            vs.protocol = Optional.empty();
        }
        if (vs.scheduler == null) {
            report.error(vs.node, "vs-no-scheduler", "Virtual server " + vs.describe() + ": no scheduler set, setting default '"
                    + VirtualServer.DEFAULT_SCHEDULER + "'", "add: lvs_sched " + VirtualServer.DEFAULT_SCHEDULER);
            vs.scheduler = VirtualServer.DEFAULT_SCHEDULER;
        }
        long weightSum = realServerDefaults(vs);
        if (vs.sorry != null && vs.sorry.forwarding == null) {
            vs.sorry.forwarding = defaultForwarding(vs);
        }
        quorum(vs, weightSum);
        new VirtualServerPorts(report, vs, group).apply();
        return Optional.of(model(vs));
    }

    private void addressChecks(VirtualServerDraft vs, boolean single) {
        if (vs.protocol.isEmpty()) {
            report.error(vs.node, "vs-no-protocol", "Virtual server " + vs.describe() + ": no protocol set - defaulting to UDP",
                    "add: protocol TCP (or UDP, SCTP)");
            vs.protocol = Optional.of(Protocol.UDP);
        }
        if (vs.flags.contains(SchedulerFlag.OPS) && vs.protocol.get() != Protocol.UDP) {
            report.error(vs.node, "ops-needs-udp", "Virtual server " + vs.describe()
                    + ": one packet scheduling requires UDP - resetting", "remove ops, or use protocol UDP");
            vs.flags.remove(SchedulerFlag.OPS);
        }
        if (single && vs.persistenceTimeout == 0 && vs.key instanceof ServiceKey.Address a && a.port() == 0) {
            zeroPort(vs);
        } else if (single && vs.persistenceTimeout == 0 && vs.key instanceof ServiceKey.Fwmark) {
            zeroPort(vs);
        }
    }

    private void zeroPort(VirtualServerDraft vs) {
        report.error(vs.node, "vs-zero-port", "Virtual server " + vs.describe()
                + ": zero port only valid for persistent services - setting", "give a port, or persistence_timeout");
        vs.persistenceTimeout = Persistence.DEFAULT_TIMEOUT;
    }

    /** Duplicates out, forwarding, inheritance and the sorry-server inhibit rule; returns the weight sum. */
    private long realServerDefaults(VirtualServerDraft vs) {
        List<RealServerDraft> kept = new ArrayList<>();
        long weightSum = 0;
        for (RealServerDraft rs : vs.realServers) {
            if (kept.stream().anyMatch(k -> k.sameServer(rs.address, rs.port))) {
                report.error(rs.node, "rs-duplicate", "VS " + vs.describe() + ": real server " + rsText(vs, rs)
                        + " is duplicated - removing second rs", "remove the second block");
                continue;
            }
            kept.add(rs);
            if (rs.forwarding == null) {
                rs.forwarding = defaultForwarding(vs);
            }
            if (rs.inhibit == null) {
                rs.inhibit = vs.inhibit;
            }
            if (rs.weight == null) {
                rs.weight = vs.weight;
            }
            weightSum += rs.weight;
            if (vs.sorry != null && rs.sameServer(vs.sorry.address, vs.sorry.port) && vs.sorry.inhibit != rs.inhibit) {
                report.error(vs.node, "sorry-inhibit", "Virtual server " + vs.describe() + ": real server " + rsText(vs, rs)
                        + " matches sorry server, but inhibit setting differs, " + (rs.inhibit ? "sett" : "clear")
                        + "ing on sorry server", "use the same inhibit_on_failure on both");
                vs.sorry.inhibit = rs.inhibit;
            }
        }
        vs.realServers.clear();
        vs.realServers.addAll(kept);
        return weightSum;
    }

    private Forwarding defaultForwarding(VirtualServerDraft vs) {
        if (vs.forwarding == null) {
            report.error(vs.node, "vs-no-forwarding", "Virtual server " + vs.describe()
                    + ": no forwarding method set, setting default NAT", "add: lvs_method NAT (or DR, TUN)");
            vs.forwarding = Forwarding.NAT;
        }
        return vs.forwarding;
    }

    private void quorum(VirtualServerDraft vs, long weightSum) {
        if (vs.quorum > weightSum) {
            report.warning(vs.node, "quorum-too-high", "Warning - quorum " + vs.quorum + " for " + vs.describe()
                    + " exceeds total weight of real servers " + weightSum + ", reducing quorum to " + weightSum,
                    "lower the quorum or raise the weights");
            vs.quorum = weightSum;
        }
        if (vs.hysteresis >= vs.quorum) {
            // quorum - 1 in an unsigned int: 4294967295 when the quorum is 0.
            long reset = vs.quorum == 0 ? KeepalivedNumbers.UINT_MAX : vs.quorum - 1;
            report.error(vs.node, "hysteresis", "Virtual server " + vs.describe() + ": hysteresis " + vs.hysteresis
                    + " >= quorum " + vs.quorum + "; setting hysteresis to " + reset, "keep hysteresis below quorum");
            vs.hysteresis = reset;
        }
    }

    static String rsText(VirtualServerDraft vs, RealServerDraft rs) {
        return "[" + io.keepalived4j.config.model.IpText.of(rs.address) + "]:" + Protocol.logName(vs.protocol) + ":"
                + rs.port;
    }

    private VirtualServer model(VirtualServerDraft vs) {
        CheckTiming vsTiming = new CheckTiming(vs.delayLoop, vs.connectTimeout, optional(vs.retry),
                Optional.ofNullable(vs.delayBeforeRetry), Optional.ofNullable(vs.warmup));
        List<RealServer> servers = new ArrayList<>();
        for (RealServerDraft rs : vs.realServers) {
            servers.add(realServer(vs, rs, vsTiming));
        }
        Optional<SorryServer> sorry = Optional.ofNullable(vs.sorry)
                .map(s -> new SorryServer(s.address, s.port, s.inhibit, s.forwarding));
        return new VirtualServer(vs.key, vs.protocol, Optional.ofNullable(vs.family), vs.scheduler, vs.flags, vs.forwarding,
                new Persistence(vs.persistenceTimeout, Optional.ofNullable(vs.granularity), Optional.ofNullable(vs.engine)),
                new PoolPolicy(vs.alpha, vs.omega, vs.quorum, vs.hysteresis, Optional.ofNullable(vs.quorumUp),
                        Optional.ofNullable(vs.quorumDown), vs.inhibit, vs.haSuspend),
                vsTiming, vs.weight, sorry, Optional.ofNullable(vs.virtualhost), Optional.ofNullable(vs.smtpAlert),
                Optional.ofNullable(vs.snmpName), servers, vs.node.position());
    }

    /** The real server's settings over the virtual server's, then its checkers resolved against them. */
    private static RealServer realServer(VirtualServerDraft vs, RealServerDraft rs, CheckTiming vsTiming) {
        CheckTiming timing = new CheckTiming(
                rs.delayLoop != null ? rs.delayLoop : vsTiming.delayLoop(),
                rs.connectTimeout != null ? rs.connectTimeout : vsTiming.connectTimeout(),
                rs.retry != null ? OptionalLong.of(rs.retry) : vsTiming.retry(),
                rs.delayBeforeRetry != null ? Optional.of(rs.delayBeforeRetry) : vsTiming.delayBeforeRetry(),
                rs.warmup != null ? Optional.of(rs.warmup) : vsTiming.warmup());
        boolean alpha = rs.alpha != null ? rs.alpha : vs.alpha;
        Optional<String> vhost = Optional.ofNullable(rs.virtualhost != null ? rs.virtualhost : vs.virtualhost);
        List<Checker> checkers = new ArrayList<>();
        for (CheckerDraft d : rs.checkers) {
            checkers.add(CheckerResolver.resolve(d, timing, alpha, rs.writtenPort, vs.delayLoop, vhost));
        }
        return new RealServer(rs.address, rs.port, rs.weight, rs.forwarding, optional(rs.upperThreshold),
                optional(rs.lowerThreshold), rs.inhibit, alpha, timing, Optional.ofNullable(rs.notifyUp),
                Optional.ofNullable(rs.notifyDown), Optional.ofNullable(rs.smtpAlert), Optional.ofNullable(rs.virtualhost),
                Optional.ofNullable(rs.snmpName), checkers, rs.node.position());
    }

    private static OptionalLong optional(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
