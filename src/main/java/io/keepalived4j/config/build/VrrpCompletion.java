package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.config.model.VrrpState;
import io.keepalived4j.config.syntax.Node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The checks keepalived 2.2.7 makes once the whole configuration is read (vrrp.c
 * vrrp_complete_init(): chk_min_cfg(), vrrp_sync_set_group(), vrrp_complete_instance(),
 * check_vrid_conflicts(), sync_group_tracking_init()), in its order and words, on what the
 * configuration alone decides; {@code check.EnvironmentChecks} adds the ones that need the host.
 * keepalived stops at the first instance that fails chk_min_cfg() or vrrp_complete_instance();
 * so do the messages here (the model still gets every instance that has a VRID).
 *
 * <p>keepalived prints these without a line number. We point at the statement concerned, or at
 * the vrrp_instance line when the problem is something missing.
 *
 * <p>Run in the {@link #STAGE} stage of the diagnostics: keepalived never gets here when an
 * interface is missing, which the host checks find out later.
 */
final class VrrpCompletion {

    /** The diagnostics stage of these checks (see Diagnostics#stage). */
    static final String STAGE = ModelBuilder.VRRP_COMPLETION_STAGE;

    private static final int DEFAULT_MTU = 1500;

    private final GlobalDefs global;
    private final Map<String, VrrpScript> scripts;
    private final Map<String, TrackFile> files;
    private final BuildReport report;
    /** Set when keepalived would have stopped: later checks are not reported. */
    private boolean stopped;

    VrrpCompletion(GlobalDefs global, Map<String, VrrpScript> scripts, Map<String, TrackFile> files, BuildReport report) {
        this.global = global;
        this.scripts = scripts;
        this.files = files;
        this.report = report;
    }

    /** The completed instances (those with a VRID), in file order; groups get their members. */
    List<VrrpInstance> complete(List<VrrpInstanceDraft> drafts, List<SyncGroupBuilder.Draft> groups) {
        for (VrrpInstanceDraft d : drafts) {
            if (!minimumConfig(d)) {
                stopped = true;
                break;
            }
        }
        Map<String, VrrpInstanceDraft> byName = new LinkedHashMap<>();
        drafts.forEach(d -> byName.put(d.name, d));
        if (!stopped) {
            SyncGroupBuilder.match(groups, byName, report);
        }
        Map<String, SyncGroupBuilder.Draft> groupOf = new LinkedHashMap<>();
        groups.forEach(g -> g.members.forEach(m -> groupOf.put(m, g)));
        List<Completed> done = new ArrayList<>();
        for (VrrpInstanceDraft d : drafts) {
            Completed c = new Completed(d);
            if (!stopped && !instance(c, groupOf.get(d.name))) {
                stopped = true;
            }
            done.add(c);
        }
        if (!stopped) {
            vridConflicts(done);
            groupTracking(groups, byName, done);
        }
        List<VrrpInstance> out = new ArrayList<>();
        for (Completed c : done) {
            if (c.d.vrid != 0) {
                out.add(c.model());
            }
        }
        return out;
    }

    /** chk_min_cfg(). */
    private boolean minimumConfig(VrrpInstanceDraft d) {
        if (d.vrid == 0) {
            report.error(d.node, "no-vrid", d.tag + " the virtual router id must be set",
                    "add: virtual_router_id N (1..255, the same on every node of the group)");
            return false;
        }
        if (d.interfaceName.isEmpty()) {
            // keepalived 2.2.7 asks for an interface even of a unicast instance at this point.
            report.error(d.node, "no-interface", d.tag + " Unknown interface!", "add: interface eth0");
            return false;
        }
        return true;
    }

    /** The values vrrp_complete_instance() settles, starting from the draft's. */
    private final class Completed {
        final VrrpInstanceDraft d;
        final boolean strict;
        final int family;
        int version;
        int priority;
        VrrpState wantState;
        AuthType auth;
        boolean nopreempt;
        double preemptDelay;
        double advert;
        boolean accept;
        int downTimerAdverts;
        final List<VirtualAddress> vips;
        final List<VirtualAddress> excluded;
        final List<TrackRef> trackInterfaces;
        final List<TrackRef> trackScripts;
        final List<TrackRef> trackFiles;

        Completed(VrrpInstanceDraft d) {
            this.d = d;
            strict = d.strict != null ? d.strict : global.vrrpStrict();
            family = d.family == 6 ? 6 : 4;
            version = d.version;
            priority = d.priority;
            wantState = d.state;
            auth = d.authType;
            nopreempt = d.nopreempt;
            preemptDelay = d.preemptDelay;
            advert = d.advert;
            accept = d.accept != null ? d.accept : !strict;
            downTimerAdverts = d.downTimerAdverts != null ? d.downTimerAdverts : global.downTimerAdverts();
            vips = new ArrayList<>(d.vips);
            excluded = new ArrayList<>(d.excluded);
            trackInterfaces = new ArrayList<>(d.trackInterfaces);
            trackScripts = new ArrayList<>(d.trackScripts);
            trackFiles = new ArrayList<>(d.trackFiles);
        }

        /** The model: the state as written (MASTER only when written and not cleared), VRRPv3 for IPv6. */
        VrrpInstance model() {
            int p = priority != 0 ? priority : d.state == VrrpState.MASTER ? 255 : 100;
            VrrpState state = d.state == VrrpState.MASTER && wantState == VrrpState.MASTER ? VrrpState.MASTER : VrrpState.BACKUP;
            int v = family == 6 ? 3 : version != 0 ? version : global.vrrpVersion();
            double a = advert > 0 ? advert : 1;
            if (v == 2 && a != Math.rint(a)) {
                a = Math.max(1, Math.rint(a));
            } else if (v == 3) {
                a = Math.min(40.95, Math.max(0.01, Math.rint(a * 100) / 100.0));
            }
            boolean strictAccept = strict ? p == 255 || Boolean.TRUE.equals(d.accept) : !Boolean.FALSE.equals(d.accept);
            return new VrrpInstance(d.name, state, d.interfaceName, d.vrid, p, a, v, auth,
                    auth == AuthType.NONE ? "" : d.authPass, List.copyOf(vips), List.copyOf(excluded), nopreempt,
                    preemptDelay, d.sourceIp, List.copyOf(d.peers), List.copyOf(trackInterfaces), List.copyOf(trackScripts),
                    List.copyOf(trackFiles), List.copyOf(d.trackProcesses), Map.copyOf(d.notifyScripts), strict,
                    d.garpMasterDelay, d.garpMasterRepeat, strict ? 3 : downTimerAdverts, d.useVmac, strictAccept,
                    d.smtpAlert, d.garp, List.copyOf(d.routes), List.copyOf(d.rules), d.settings, d.node.position());
        }
    }

    /** vrrp_complete_instance(): false where keepalived returns false (and stops completing). */
    private boolean instance(Completed c, SyncGroupBuilder.Draft group) {
        VrrpInstanceDraft d = c.d;
        String tag = d.tag;
        if (c.family == 6) {
            if (c.version == 2 && c.strict) {
                report.error(d.at(d.versionNode), "ipv6-v2", tag + " cannot use IPv6 with VRRP version 2; setting version 3",
                        "IPv6 needs VRRPv3 (RFC 5798)");
                c.version = 3;
            } else if (c.version == 0) {
                c.version = 3;
            }
        }
        if (c.version == 0) {
            c.version = global.vrrpVersion();
        }
        if (c.vips.isEmpty()) {
            if (c.version == 3 || c.strict) {
                report.error(d.at(d.vipNode), "no-vip", tag + " No VIP specified; at least one is required",
                        "add a virtual_ipaddress block");
                return false;
            }
            report.error(d.at(d.vipNode), "no-vip", tag + " No VIP specified; at least one is sensible",
                    "add a virtual_ipaddress block");
        }
        if (c.priority == 0) {
            c.priority = c.wantState == VrrpState.MASTER ? 255 : 100;
        }
        if (c.wantState == null) {
            c.wantState = c.priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        } else if (c.strict && (c.wantState == VrrpState.MASTER) != (c.priority == 255)) {
            report.error(d.at(d.stateNode), "strict-master", tag + " State MASTER must match being address owner",
                    "in strict mode only priority 255 starts as MASTER, and it always does");
            c.wantState = c.priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        }
        authentication(c);
        if (d.unicastNode != null && d.peers.isEmpty() && !d.unicastFaultNoPeer) {
            report.diagnostics().error(KaStatus.DEPRECATED, d.unicastNode.position(), "unicast-no-peer",
                    tag + " A unicast keyword has been specified without any unicast peers. Defaulting to multicast."
                            + " This usage is deprecated - please update your configuration.", d.unicastNode.text(),
                    "add a unicast_peer block, or remove the unicast keywords");
        }
        if (c.strict && d.vmacMac != null) {
            report.error(d.useVmacNode, "strict-vmac-mac", "(" + d.name + "): cannot specify MAC address with strict mode"
                    + " - clearing", "leave the MAC out of use_vmac");
        }
        if (c.family == 6 && !d.isUnicast() && !c.vips.isEmpty() && c.strict
                && !c.vips.getFirst().address().isLinkLocalAddress()) {
            report.diagnostics().error(KaStatus.GENERAL_ERROR, c.vips.getFirst().position(), "ipv6-first-vip",
                    tag + " the first IPv6 VIP address must be link local", "",
                    "RFC 5798 section 5.2.9: the first IPv6 address is the link-local one");
        }
        maxAddresses(c);
        preemption(c);
        if (c.strict && d.downTimerAdverts != null && d.downTimerAdverts != 3) {
            report.error(d.downTimerAdvertsNode, "strict-down-timer", tag + " down_timer_adverts is incompatible with"
                    + " strict mode - resetting", "remove down_timer_adverts, or vrrp_strict");
            c.downTimerAdverts = 3;
        }
        if (c.accept && c.priority != 255 && c.strict && c.version == 2) {
            report.error(d.at(d.acceptNode), "strict-accept", tag + " warning - accept mode for VRRP version 2 does not"
                    + " comply with RFC3768 - resetting", "remove accept, or use version 3");
            c.accept = false;
        }
        if (d.isUnicast() && d.mcastDstNode != null) {
            report.error(d.mcastDstNode, "unicast-mcast-dst", tag + " multicast destination specified with unicast - ignoring",
                    "remove mcast_dst_ip");
        }
        strictGarp(c);
        advert(c);
        if (d.useVmac && c.strict && d.vmacXmitBase) {
            report.error(d.at(d.vmacXmitBaseNode), "strict-xmit-base", tag + " xmit_base is incompatible with strict mode"
                    + " - resetting", "remove vmac_xmit_base");
        }
        if (d.useVmac && d.promoteSecondariesNode != null) {
            report.error(d.promoteSecondariesNode, "vmac-promote", tag + " promote_secondaries is automatically set for"
                    + " vmacs - ignoring", "remove promote_secondaries");
        }
        for (Iterator<TrackRef> it = c.trackInterfaces.iterator(); it.hasNext(); ) {
            TrackRef t = it.next();
            if (t.name().equals(d.interfaceName)) {
                report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "track-own-interface",
                        tag + " Ignoring track_interface " + t.name() + " since own interface", t.name(),
                        "an instance always tracks its own interface; remove the line");
                it.remove();
            }
        }
        if (d.vmacXmitBase && !d.useVmac) {
            report.error(d.vmacXmitBaseNode, "xmit-base-no-vmac", tag + " vmac_xmit_base is only valid with a vmac",
                    "add use_vmac, or remove vmac_xmit_base");
        }
        if (c.vips.isEmpty() && (c.version == 3 || c.family == 6 || c.strict)) {
            report.error(d.at(d.vipNode), "no-vip", tag + " No VIP specified; at least one is required",
                    "add a virtual_ipaddress block");
            return false;
        }
        unweighted(c, group);
        return true;
    }

    /** The authentication checks, an if/else chain in keepalived: only the first that applies is made. */
    private void authentication(Completed c) {
        VrrpInstanceDraft d = c.d;
        if (c.auth == AuthType.NONE) {
            return;
        }
        Node at = d.at(d.authNode);
        if (c.strict) {
            report.error(at, "strict-auth", d.tag + " Strict mode does not support authentication. Ignoring.",
                    "remove the authentication block, or vrrp_strict");
            c.auth = AuthType.NONE;
        } else if (c.version == 3) {
            report.error(at, "v3-auth", d.tag + " VRRP version 3 does not support authentication. Ignoring.",
                    "remove the authentication block (RFC 5798 has none), or use version 2");
            c.auth = AuthType.NONE;
        } else if (d.authPass.isEmpty()) {
            report.error(at, "auth-no-pass", d.tag + " Authentication specified but no password given. Ignoring",
                    "add auth_pass on its own line");
            c.auth = AuthType.NONE;
        } else if (c.family == 6 && c.auth == AuthType.AH) {
            report.error(at, "ah-ipv6", d.tag + " Cannot use AH authentication with IPv6. ignoring", "use PASS, or none");
            c.auth = AuthType.NONE;
        } else if (c.auth == AuthType.AH && c.wantState == VrrpState.MASTER && c.priority != 255) {
            report.error(at, "ah-master", d.tag + " Initial state master is incompatible with AH authentication - clearing",
                    "AH needs the peer's sequence number first: start as BACKUP");
            c.wantState = VrrpState.BACKUP;
        }
    }

    /** An advert carries at most 255 addresses, and no more than fit in the interface's MTU. */
    private void maxAddresses(Completed c) {
        int header = c.family == 4 ? 14 + 20 + 8 + (c.version == 2 ? 8 + (c.auth == AuthType.AH ? 24 : 0) : 0) : 14 + 40 + 8;
        int max = Math.min(255, (DEFAULT_MTU - header) / (c.family == 4 ? 4 : 16));
        if (c.vips.size() > max) {
            report.error(c.d.at(c.d.vipNode), "too-many-vips", c.d.tag + " Number of VIPs (" + c.vips.size()
                    + ") exceeds maximum/space available in packet (max " + max + " addresses) - excess moved to eVIPs",
                    "move the extra addresses to virtual_ipaddress_excluded");
            while (c.vips.size() > max) {
                c.excluded.add(c.vips.removeLast());
            }
        }
    }

    private void preemption(Completed c) {
        VrrpInstanceDraft d = c.d;
        if (c.priority == 255 && c.nopreempt) {
            report.error(d.at(d.nopreemptNode), "owner-nopreempt", d.tag + " nopreempt is incompatible with priority 255."
                    + " resetting nopreempt", "an address owner always takes over");
            c.nopreempt = false;
        }
        if (c.wantState == VrrpState.MASTER) {
            if (c.nopreempt) {
                report.error(d.at(d.nopreemptNode), "nopreempt-master", d.tag + " Warning - nopreempt will not work with"
                        + " initial state MASTER - clearing", "use state BACKUP on every node with nopreempt");
                c.nopreempt = false;
            }
            if (c.preemptDelay > 0) {
                report.error(d.at(d.preemptDelayNode), "preempt-delay-master", d.tag + " Warning - preempt delay will not"
                        + " work with initial state MASTER - clearing", "use state BACKUP with preempt_delay");
                c.preemptDelay = 0;
            }
        }
        if (c.preemptDelay > 0) {
            if (c.strict) {
                report.error(d.at(d.preemptDelayNode), "strict-preempt-delay", d.tag + " preempt_delay is incompatible"
                        + " with strict mode - resetting", "remove preempt_delay, or vrrp_strict");
                c.preemptDelay = 0;
            }
            if (c.nopreempt) {
                report.error(d.at(d.preemptDelayNode), "nopreempt-preempt-delay", d.tag + " preempt_delay is incompatible"
                        + " with nopreempt mode - resetting", "use one of nopreempt and preempt_delay");
                c.preemptDelay = 0;
            }
        }
    }

    /** What vrrp_strict forbids among the garp and advert settings written in the instance. */
    private void strictGarp(Completed c) {
        VrrpInstanceDraft d = c.d;
        if (!c.strict) {
            return;
        }
        if (d.garpLowerPrioRepeatNode != null && !isZero(d.garpLowerPrioRepeatNode)) {
            report.error(d.garpLowerPrioRepeatNode, "strict-garp", d.tag + " Strict mode requires no repeat garps. resetting",
                    "remove garp_lower_prio_repeat");
        }
        if (d.garpLowerPrioDelayNode != null && !isZero(d.garpLowerPrioDelayNode)) {
            report.error(d.garpLowerPrioDelayNode, "strict-garp", d.tag + " Strict mode requires no repeat garp delay."
                    + " resetting", "remove garp_lower_prio_delay");
        }
        if (Boolean.FALSE.equals(d.lowerPrioNoAdvert)) {
            report.error(d.lowerPrioNoAdvertNode, "strict-advert", d.tag + " Strict mode requires no lower priority advert."
                    + " resetting", "remove lower_prio_no_advert");
        }
        if (Boolean.TRUE.equals(d.higherPrioSendAdvert)) {
            report.error(d.higherPrioSendAdvertNode, "strict-advert", d.tag + " strict mode requires higher_prio_send_advert"
                    + " to be clear. resetting", "remove higher_prio_send_advert");
        }
    }

    private static boolean isZero(Node n) {
        return n.argCount() > 0 && n.arg(0).matches("0+(\\.0*)?");
    }

    /** VRRPv2 adverts are whole seconds below 256; VRRPv3 ones centiseconds below 40.96 s. */
    private void advert(Completed c) {
        VrrpInstanceDraft d = c.d;
        double a = c.advert > 0 ? c.advert : 1;
        Node at = d.at(d.advertNode);
        if (c.version == 2) {
            if (a != Math.rint(a)) {
                report.error(at, "advert-int-rounded", String.format(Locale.ROOT,
                        "%s VRRPv2 advertisement interval %fs must be an integer. rounding", d.tag, a),
                        "use whole seconds with VRRPv2, or 'version 3' for sub-second adverts");
            }
        } else if (a >= 40.96) {
            report.error(at, "advert-int-range", String.format(Locale.ROOT, "%s VRRPv3 advertisement interval %.2fs is out"
                    + " of range. Must be less than 40.96s. Setting to 40.95s", d.tag, a),
                    "VRRPv3 carries the interval in 12 bits of centiseconds");
        } else if (Math.round(a * 1_000_000) % 10_000 != 0) {
            report.error(at, "advert-int-rounded", String.format(Locale.ROOT,
                    "%s VRRPv3 advertisement interval %fs must be in units of 10ms - rounding", d.tag, a),
                    "VRRPv3 carries the interval in centiseconds");
        }
    }

    /**
     * A member of a sync group (without sync_group_tracking_weight) or an address owner cannot
     * have weighted trackers: keepalived clears or drops them, with a message each.
     */
    private void unweighted(Completed c, SyncGroupBuilder.Draft group) {
        boolean sync = group != null && !group.trackingWeight;
        if (!sync && c.priority != 255) {
            return;
        }
        String why = sync ? "SYNC group" : "address owner";
        String whyShort = sync ? "SYNC group" : "address_owner";
        String tag = c.d.tag;
        for (ListIterator<TrackRef> it = c.trackInterfaces.listIterator(); it.hasNext(); ) {
            TrackRef t = it.next();
            if (t.weight() != null && t.weight() != 0) {
                report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "weight-ignored", tag + " ignoring "
                        + t.name() + " tracked interface " + (sync ? "weight " : "") + "due to " + why, t.name(),
                        sync ? "set sync_group_tracking_weight in the group, or remove the weight" : "remove the weight");
                if (sync) {
                    it.set(new TrackRef(t.name(), 0, t.reverse(), t.position()));
                } else {
                    it.remove();
                }
            }
        }
        for (Iterator<TrackRef> it = c.trackScripts.iterator(); it.hasNext(); ) {
            TrackRef t = it.next();
            VrrpScript s = scripts.get(t.name());
            int weight = t.weight() != null ? t.weight() : s != null ? s.weight() : 0;
            if (weight != 0) {
                report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "weight-ignored", tag + " ignoring tracked"
                        + " script " + t.name() + " with weights due to " + whyShort, t.name(),
                        sync ? "set sync_group_tracking_weight in the group, or use weight 0" : "use weight 0");
                it.remove();
            }
        }
        for (ListIterator<TrackRef> it = c.trackFiles.listIterator(); it.hasNext(); ) {
            TrackRef t = it.next();
            TrackFile f = files.get(t.name());
            long weight = t.weight() != null ? t.weight() : f != null ? f.weight() : 1;
            String fname = t.name();
            if (weight == 1) {
                report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "weight-ignored", tag + " ignoring weight"
                        + " from tracked file " + fname + " due to " + whyShort + ". specify weight 0", t.name(),
                        "add 'weight 0' to the line");
                it.set(new TrackRef(t.name(), 0, t.reverse(), t.position()));
            } else if (weight != 0) {
                report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "weight-ignored", tag + " ignoring tracked"
                        + " file " + fname + " with weight " + weight + " due to " + whyShort, t.name(), "use weight 0");
                it.remove();
            }
        }
        for (TrackRef t : c.d.trackBfds) {
            if (t.weight() != null && t.weight() != 0) {
                report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "weight-ignored", tag + " ignoring tracked"
                        + " bfd " + t.name() + " with weight " + t.weight() + " due to " + whyShort, t.name(), "use weight 0");
            }
        }
    }

    /** check_vrid_conflicts(): what only the configuration decides (interface addresses are the host's). */
    private void vridConflicts(List<Completed> done) {
        for (int i = 0; i < done.size(); i++) {
            Completed a = done.get(i);
            for (int j = i + 1; j < done.size(); j++) {
                Completed b = done.get(j);
                if (a.family != b.family || a.d.vrid != b.d.vrid || a.d.isUnicast() != b.d.isUnicast()) {
                    continue;
                }
                if (a.d.isUnicast()) {
                    unicastConflict(a, b);
                } else if (a.d.interfaceName.equals(b.d.interfaceName) && mcastGroup(a).equals(mcastGroup(b))) {
                    report.diagnostics().error(KaStatus.GENERAL_ERROR, b.d.at(b.d.vridNode).position(), "duplicate-vrid",
                            a.d.name + " and " + b.d.name + " both use VRID " + a.d.vrid + " with IPv" + a.family
                                    + " on interface " + a.d.interfaceName, "",
                            "each VRRP group needs its own VRID on an interface");
                }
            }
        }
    }

    /**
     * Two unicast instances clash when they send from the same address (known here only when
     * written as unicast_src_ip/mcast_src_ip) on the same interface to a common peer.
     */
    private void unicastConflict(Completed a, Completed b) {
        if (!a.d.interfaceName.isEmpty() && !b.d.interfaceName.isEmpty() && !a.d.interfaceName.equals(b.d.interfaceName)) {
            return;
        }
        if (a.d.sourceIp == null || b.d.sourceIp == null || !a.d.sourceIp.equals(b.d.sourceIp)) {
            return;
        }
        for (UnicastPeer p : a.d.peers) {
            for (UnicastPeer q : b.d.peers) {
                if (p.address().equals(q.address())) {
                    report.diagnostics().error(KaStatus.GENERAL_ERROR, b.d.at(b.d.vridNode).position(), "duplicate-vrid",
                            a.d.tag + " duplicate VRID conflict with " + b.d.name + " VRID " + a.d.vrid, "",
                            "each VRRP group needs its own VRID");
                    return;
                }
            }
        }
    }

    private String mcastGroup(Completed c) {
        if (c.d.mcastDstNode != null) {
            return c.d.mcastDstNode.arg(0);
        }
        InetAddress g = c.family == 4 ? global.mcastGroup4() : global.mcastGroup6();
        return Objects.toString(g);
    }

    /**
     * sync_group_tracking_init(): a group with an address owner among its members cannot track
     * with weights.
     */
    private void groupTracking(List<SyncGroupBuilder.Draft> groups, Map<String, VrrpInstanceDraft> byName,
                               List<Completed> done) {
        for (SyncGroupBuilder.Draft g : groups) {
            boolean owner = done.stream().anyMatch(c -> g.members.contains(c.d.name) && c.priority == 255);
            if (g.members.isEmpty() || !owner) {
                continue;
            }
            String suffix = " with member having priority 255";
            for (TrackRef t : g.trackScripts) {
                VrrpScript s = scripts.get(t.name());
                int weight = t.weight() != null ? t.weight() : s != null ? s.weight() : 0;
                if (weight != 0) {
                    groupWeight(g, t, "(" + g.name + ") Cannot have weighted track script '" + t.name() + "'" + suffix
                            + " - clearing weight");
                }
            }
            for (TrackRef t : g.trackFiles) {
                TrackFile f = files.get(t.name());
                long weight = t.weight() != null ? t.weight() : f != null ? f.weight() : 1;
                if (weight != 0) {
                    groupWeight(g, t, "(" + g.name + ") Cannot have weighted track file '" + t.name()
                            + "'" + suffix + " - setting weight 0");
                }
            }
            for (TrackRef t : g.trackProcesses) {
                if (t.weight() != null && t.weight() != 0) {
                    groupWeight(g, t, "(" + g.name + ") Cannot have weighted track process '" + t.name() + "'" + suffix
                            + " - setting weight 0");
                }
            }
            for (TrackRef t : g.trackBfds) {
                if (t.weight() != null && t.weight() != 0) {
                    groupWeight(g, t, "(" + g.name + ") Cannot have weighted track bfd '" + t.name() + "'" + suffix
                            + " - setting weight 0");
                }
            }
            for (TrackRef t : g.trackInterfaces) {
                if (t.weight() != null && t.weight() != 0) {
                    groupWeight(g, t, "(" + g.name + ") Cannot have weighted track interface '" + t.name() + "'" + suffix
                            + " - clearing weight");
                }
            }
        }
    }

    private void groupWeight(SyncGroupBuilder.Draft g, TrackRef t, String message) {
        report.diagnostics().error(KaStatus.GENERAL_ERROR, t.position(), "weight-ignored", message, t.name(),
                "an address owner in the group means the group cannot use weights");
    }
}
