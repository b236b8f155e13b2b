package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.GarpSettings;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpState;
import io.keepalived4j.config.syntax.Node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one vrrp_instance block into a {@link VrrpInstanceDraft} the way keepalived 2.2.7's
 * vrrp_parser.c handlers do: statement by statement, in order, each with its own messages (a
 * second {@code state} line, an address of the other family, a tracker not defined yet...).
 * What keepalived checks only once the whole configuration is read is {@link VrrpCompletion}'s.
 */
final class VrrpInstanceBuilder {

    /** Keywords whose handler reads a value: without it keepalived 2.2.7 stops with exit 2. */
    private static final Set<String> NEEDS_VALUE = Set.of("state", "interface", "virtual_router_id", "priority",
            "advert_int", "version", "mcast_src_ip", "unicast_src_ip", "mcast_dst_ip", "unicast_ttl", "vrf",
            "kernel_rx_buf_size");
    /** Keywords read into typed fields; every other one is kept as written in the settings. */
    private static final Set<String> TYPED = Set.of("state", "interface", "virtual_router_id", "priority", "advert_int",
            "version", "authentication", "virtual_ipaddress", "virtual_ipaddress_excluded", "nopreempt", "preempt",
            "preempt_delay", "mcast_src_ip", "unicast_src_ip", "unicast_peer", "track_interface", "track_script",
            "track_file", "track_process", "track_bfd", "strict_mode", "garp_master_delay", "garp_master_repeat",
            "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay", "garp_lower_prio_repeat",
            "down_timer_adverts", "use_vmac", "accept", "no_accept", "smtp_alert", "virtual_routes", "virtual_rules",
            "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify_deleted",
            "notify_master_rx_lower_pri", "notify");

    /**
     * Trackers defined before this instance (keepalived resolves a reference when it reads it), and
     * the VMAC interface names earlier instances took.
     */
    record Defined(Set<String> scripts, Set<String> files, Set<String> processes, Set<String> bfds,
                   java.util.Map<String, String> vmacNames) {
    }

    private VrrpInstanceBuilder() {
    }

    static VrrpInstanceDraft read(Node node, GlobalDefs global, RouteLines routeLines, Defined defined,
                                  BuildReport report) {
        Fields f = Fields.of(node, report.diagnostics());
        VrrpInstanceDraft d = new VrrpInstanceDraft(node, f.name());
        List<Node> children = node.children() == null ? List.of() : node.children();
        for (Node n : children) {
            if (NEEDS_VALUE.contains(n.keyword()) && !report.require(n, 1)) {
                continue;
            }
            statement(d, n, routeLines, defined, report);
            if (!TYPED.contains(n.keyword()) && !n.keyword().isEmpty()) {
                d.settings.put(n.keyword(), n.args());
            }
        }
        d.notifyScripts.putAll(TrackLines.notifyScripts(f, d.name, report));
        garp(d, f, global, report);
        // vrrp_end_handler(): what needs the whole block.
        if (d.useVmac && d.unicastNode != null) {
            if (d.interfaceNode == null) {
                report.error(d.useVmacNode, "vmac-unicast", "(" + d.name + "): Cannot use VMAC/ipvlan with unicast and no"
                        + " interface - clearing use_vmac", "add an interface, or remove use_vmac");
                d.useVmac = false;
            } else if (!d.vmacXmitBase) {
                report.error(d.useVmacNode, "vmac-unicast", d.tag + " unicast with use_vmac requires vmac_xmit_base -"
                        + " setting", "add vmac_xmit_base");
                d.vmacXmitBase = true;
            }
        }
        if (d.peers.isEmpty() && d.ttlNode != null) {
            report.error(d.ttlNode, "unicast-ttl-no-peer", "(" + d.name + "): Cannot use unicast_ttl without unicast"
                    + " peers - resetting", "add a unicast_peer block, or remove unicast_ttl");
        }
        return d;
    }

    private static void statement(VrrpInstanceDraft d, Node n, RouteLines routeLines, Defined defined, BuildReport report) {
        switch (n.keyword()) {
            case "state" -> state(d, n, report);
            case "interface" -> {
                // IFNAMSIZ is 16 with the terminating NUL.
                if (n.arg(0).length() >= 16) {
                    report.error(n, "bad-interface", "Interface name '" + n.arg(0) + "' too long - ignoring",
                            "interface names have at most 15 characters");
                } else {
                    d.interfaceName = n.arg(0);
                    d.interfaceNode = n;
                }
            }
            case "virtual_router_id" -> ranged(n, 1, 255, report, "bad-vrid",
                    d.tag + ": VRID '" + n.arg(0) + "' not valid - must be between 1 & 255",
                    "use a VRID from 1 to 255, the same on every node of the group").ifPresent(v -> {
                        d.vrid = v.intValue();
                        d.vridNode = n;
                    });
            case "priority" -> {
                d.priorityNode = n;
                d.priority = ranged(n, 1, 255, report, "bad-priority",
                        d.tag + " Priority not valid! must be between 1 & 255. Using default 100",
                        "use 1..254 (255 means address owner)").orElse(100L).intValue();
            }
            case "advert_int" -> advert(d, n, report);
            case "version" -> version(d, n, report);
            case "native_ipv6" -> {
                if (d.family == 4) {
                    report.error(n, "native-ipv6", d.tag + " Cannot specify native_ipv6 with IPv4 addresses", "");
                } else {
                    d.family = 6;
                    d.version = 3;
                }
            }
            case "authentication" -> authentication(d, n, report);
            case "virtual_ipaddress" -> {
                d.vipNode = d.vipNode == null ? n : d.vipNode;
                for (Node line : items(n)) {
                    AddressLines.parse(line, report).ifPresent(a -> vip(d, a, line, report));
                }
            }
            case "virtual_ipaddress_excluded" -> items(n).forEach(l -> AddressLines.parse(l, report).ifPresent(d.excluded::add));
            case "nopreempt" -> {
                d.nopreempt = true;
                d.nopreemptNode = n;
            }
            case "preempt" -> d.nopreempt = false;
            case "preempt_delay" -> {
                d.preemptDelayNode = n;
                Fields one = single(n, report);
                d.preemptDelay = GlobalDefsBuilder.seconds(one, report, "preempt_delay", 0, 1_000_000_000L, 0);
            }
            case "mcast_src_ip" -> sourceIp(d, n, report);
            case "unicast_src_ip" -> {
                unicast(d, n);
                sourceIp(d, n, report);
            }
            case "mcast_dst_ip" -> mcastDst(d, n, report);
            case "unicast_ttl" -> {
                KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), 0, 255);
                if (r.accepted()) {
                    d.ttlNode = n;
                } else {
                    report.error(n, "bad-value", "(" + d.name + "): TTL '" + n.arg(0) + "' not valid - must be between 0 & 255",
                            r.problem());
                }
            }
            case "unicast_peer" -> {
                unicast(d, n);
                items(n).forEach(l -> peer(d, l, report));
            }
            case "unicast_fault_no_peer" -> {
                unicast(d, n);
                d.unicastFaultNoPeer = true;
            }
            case "check_unicast_src", "old_unicast_checksum" -> unicast(d, n);
            case "track_interface" -> TrackLines.read(TrackLines.Kind.INTERFACE, d.name, items(n), null, d.trackInterfaces, report);
            case "track_script" -> TrackLines.read(TrackLines.Kind.SCRIPT, d.name, items(n), defined.scripts(), d.trackScripts, report);
            case "track_file" -> TrackLines.read(TrackLines.Kind.FILE, d.name, items(n), defined.files(), d.trackFiles, report);
            case "track_process" -> TrackLines.read(TrackLines.Kind.PROCESS, d.name, items(n), defined.processes(),
                    d.trackProcesses, report);
            case "track_bfd" -> TrackLines.read(TrackLines.Kind.BFD, d.name, items(n), defined.bfds(), d.trackBfds, report);
            case "strict_mode" -> bool(n, d.tag + " invalid strict_mode " + argOr(n) + " specified", report).ifPresent(b -> d.strict = b);
            case "accept" -> {
                d.accept = true;
                d.acceptNode = n;
            }
            case "no_accept" -> {
                d.accept = false;
                d.acceptNode = n;
            }
            case "lower_prio_no_advert" -> bool(n, d.tag + " invalid lower_prio_no_advert " + argOr(n) + " specified", report)
                    .ifPresent(b -> {
                        d.lowerPrioNoAdvert = b;
                        d.lowerPrioNoAdvertNode = n;
                    });
            case "higher_prio_send_advert" -> bool(n, d.tag + " invalid higher_prio_send_advert " + argOr(n) + " specified", report)
                    .ifPresent(b -> {
                        d.higherPrioSendAdvert = b;
                        d.higherPrioSendAdvertNode = n;
                    });
            case "down_timer_adverts" -> {
                if (report.require(n, 1)) {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), 1, 100);
                    if (r.accepted()) {
                        d.downTimerAdverts = (int) r.value();
                        d.downTimerAdvertsNode = n;
                    } else {
                        report.error(n, "bad-value", "(" + d.name + "): Invalid down_timer_adverts [1:100] '" + n.arg(0) + "'",
                                r.problem());
                    }
                }
            }
            case "use_vmac" -> {
                d.useVmac = true;
                d.useVmacNode = n;
                vmacOptions(d, n, defined, report);
            }
            case "debug" -> {
                if (report.require(n, 1)) {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), 0, 4);
                    if (!r.accepted()) {
                        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(),
                                n.text(), "");
                        report.error(n, "bad-value", d.tag + " Debug value '" + n.arg(0) + "' not valid; must be between 0-4",
                                "use 0..4");
                    }
                }
            }
            case "kernel_rx_buf_size" -> {
                KeepalivedNumbers.Result r = n.argCount() == 1 ? KeepalivedNumbers.unsigned(n.arg(0), 0, KeepalivedNumbers.UINT_MAX)
                        : null;
                if (r == null || !r.accepted()) {
                    if (r != null) {
                        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(),
                                n.text(), "");
                    }
                    report.error(n, "bad-value", d.tag + " invalid kernel_rx_buf_size specified", "write a size in bytes");
                }
            }
            case "vmac_xmit_base" -> {
                d.vmacXmitBase = true;
                d.vmacXmitBaseNode = n;
            }
            case "promote_secondaries" -> d.promoteSecondariesNode = n;
            case "smtp_alert" -> bool(n, "Invalid vrrp_instance smtp_alert parameter " + argOr(n), report).ifPresent(b -> d.smtpAlert = b);
            case "virtual_routes" -> items(n).forEach(l -> d.routes.add(routeLines.route(l, report)));
            case "virtual_rules" -> items(n).forEach(l -> routeLines.rule(l, report).ifPresent(d.rules::add));
            default -> {
            }
        }
    }

    /**
     * vrrp_vmac_handler(): up to two words, a MAC address (it has a ':') and an interface name, each
     * checked as keepalived checks it. Whether the name is taken by an interface is the host's part.
     */
    private static void vmacOptions(VrrpInstanceDraft d, Node n, VrrpInstanceBuilder.Defined defined, BuildReport report) {
        boolean named = false;
        for (int i = 0; i < n.argCount() && i < 2; i++) {
            String w = n.arg(i);
            if (w.indexOf(':') >= 0) {
                if (d.vmacMac != null) {
                    report.error(n, "vmac", "VMAC interface address already specified", "give one MAC address");
                } else if (!w.matches("[0-9A-Fa-f:]*")) {
                    report.error(n, "vmac", "VMAC invalid MAC address " + w, "write six hex octets: 02:00:5e:00:01:33");
                } else {
                    vmacMac(d, n, w, report);
                }
                continue;
            }
            if (named) {
                report.error(n, "vmac", "VMAC interface name already specified", "give one interface name");
            } else if (w.isEmpty() || w.length() >= 16 || w.equals(".") || w.equals("..") || w.indexOf('/') >= 0) {
                report.error(n, "vmac", "VMAC interface name '" + w + "' too long or invalid characters - ignoring",
                        "use at most 15 characters, without '/', ':' or blanks");
            } else if (defined.vmacNames().containsKey(w)) {
                report.error(n, "vmac", d.tag + " VRRP instance " + defined.vmacNames().get(w) + " is already using " + w
                        + " - ignoring name", "give each instance its own VMAC name");
            } else {
                named = true;
                defined.vmacNames().put(w, d.name);
            }
        }
    }

    /** A MAC of 6 hex octets, or 5 (the VRID supplies the last); not multicast, not the RFC 5798 range. */
    private static void vmacMac(VrrpInstanceDraft d, Node n, String w, BuildReport report) {
        String[] octets = w.endsWith(":") ? w.substring(0, w.length() - 1).split(":", -1) : w.split(":", -1);
        boolean ok = octets.length == 6 || octets.length == 5;
        for (String o : octets) {
            ok &= !o.isEmpty() && o.length() <= 2;
        }
        if (!ok) {
            report.error(n, "vmac", "VMAC invalid MAC address " + w + " - ignored", "write six hex octets");
            return;
        }
        int[] b = new int[octets.length];
        for (int i = 0; i < octets.length; i++) {
            b[i] = Integer.parseInt(octets[i], 16);
        }
        if ((b[0] & 1) != 0) {
            report.error(n, "vmac", "VMAC MAC address is multicast " + w + " - ignoring", "clear the low bit of the first octet");
        } else if (b[0] == 0 && b[1] == 0 && b[2] == 0x5e && b[3] == 0 && (b[4] == 1 || b[4] == 2)) {
            report.error(n, "vmac", "VMAC MAC address not allowed to be RFC5798 address (" + w + ") - ignoring",
                    "leave the MAC out to use the RFC 5798 one");
        } else {
            d.vmacMac = w;
        }
    }

    private static void state(VrrpInstanceDraft d, Node n, BuildReport report) {
        String s = n.arg(0);
        d.stateNode = n;
        switch (s) {
            case "MASTER" -> d.state = VrrpState.MASTER;
            case "BACKUP" -> {
                if (d.state == VrrpState.MASTER) {
                    report.error(n, "state-twice", d.tag + " state previously set as MASTER - ignoring BACKUP",
                            "write state once");
                } else {
                    d.state = VrrpState.BACKUP;
                }
            }
            default -> {
                String hint = s.equalsIgnoreCase("master") || s.equalsIgnoreCase("backup")
                        ? "states are upper case: write " + s.toUpperCase(java.util.Locale.ROOT)
                        : "the states are MASTER and BACKUP; did you mean BACKUP?";
                report.error(n, "bad-state", d.tag + " unknown state '" + s + "', defaulting to BACKUP", hint);
                d.state = VrrpState.BACKUP;
            }
        }
    }

    private static void advert(VrrpInstanceDraft d, Node n, BuildReport report) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.timer(n.arg(0), 10_000, 255_000_000);
        if (r.accepted() && !r.hasProblem()) {
            d.advert = r.value() / 1e6;
            d.advertNode = n;
            return;
        }
        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value",
                r.problem() == null ? "invalid advert_int" : r.problem(), n.text(), "");
        report.error(n, "bad-advert-int", d.tag + " Advert interval (" + n.arg(0) + ") not valid! Must be > 0 - ignoring",
                "use 1..255 seconds (VRRPv3: 0.01..40.95)");
    }

    private static void version(VrrpInstanceDraft d, Node n, BuildReport report) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), 2, 3);
        if (!r.accepted()) {
            report.error(n, "bad-version", "(" + d.name + "): Version must be either 2 or 3", r.problem());
            return;
        }
        int v = (int) r.value();
        if ((d.version != 0 && d.version != v) || (v == 2 && d.family == 6)) {
            report.error(n, "version-conflict", d.tag + " vrrp_version " + v + " conflicts with configured or deduced version "
                    + d.version + "; ignoring.", "IPv6 instances are VRRPv3");
            return;
        }
        d.version = v;
        d.versionNode = n;
    }

    private static void authentication(VrrpInstanceDraft d, Node block, BuildReport report) {
        if (!block.isBlock()) {
            return;
        }
        d.authNode = block;
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "auth_type" -> {
                    if (report.require(n, 1)) {
                        switch (n.arg(0)) {
                            case "PASS" -> d.authType = AuthType.PASS;
                            case "AH" -> d.authType = AuthType.AH;
                            default -> report.error(n, "bad-auth-type", d.tag + " unknown authentication type '" + n.arg(0) + "'",
                                    "use PASS or AH");
                        }
                    }
                }
                case "auth_pass" -> {
                    if (report.require(n, 1)) {
                        String pass = n.arg(0);
                        if (pass.length() > 8) {
                            report.error(n, "auth-pass-truncated", "Truncating auth_pass to 8 characters",
                                    "VRRPv2 carries at most 8 characters; every node must use the same first 8");
                            pass = pass.substring(0, 8);
                        }
                        d.authPass = pass;
                    }
                }
                default -> {
                }
            }
        }
    }

    /** alloc_vrrp_vip(): the first address (or source address) decides the instance's family. */
    private static void vip(VrrpInstanceDraft d, VirtualAddress a, Node line, BuildReport report) {
        int family = a.isIpv6() ? 6 : 4;
        if (d.family == 0) {
            d.family = family;
        } else if (family != d.family) {
            report.diagnostics().error(KaStatus.GENERAL_ERROR, a.position(), "vip-family",
                    d.tag + ": address family must match VRRP instance [" + line.keyword() + "] - ignoring", line.text(),
                    "put the other family's addresses in virtual_ipaddress_excluded or another instance");
            return;
        }
        d.vips.add(a);
    }

    private static void unicast(VrrpInstanceDraft d, Node n) {
        if (d.unicastNode == null) {
            d.unicastNode = n;
        }
    }

    private static void sourceIp(VrrpInstanceDraft d, Node n, BuildReport report) {
        Optional<InetAddress> a = Values.parseSockaddr(n.arg(0));
        if (a.isEmpty()) {
            report.error(n, "bad-ip", "Configuration error: VRRP instance[" + d.name + "] malformed src address["
                    + n.arg(0) + "]. Skipping...", "write an IP address");
            return;
        }
        int family = a.get() instanceof Inet6Address ? 6 : 4;
        if (d.family == 0) {
            d.family = family;
        } else if (family != d.family) {
            report.error(n, "bad-ip", "Configuration error: VRRP instance[" + d.name + "] and src address[" + n.arg(0)
                    + "] MUST be of the same family !!! Skipping...", "use an address of the VIPs' family");
            return;
        }
        d.sourceIp = a.get();
    }

    private static void mcastDst(VrrpInstanceDraft d, Node n, BuildReport report) {
        Optional<InetAddress> a = Values.parseSockaddr(n.arg(0));
        if (a.isEmpty()) {
            report.error(n, "bad-ip", d.tag + " malformed mcast dest address " + n.arg(0) + ". Skipping...",
                    "write a multicast address");
            return;
        }
        int family = a.get() instanceof Inet6Address ? 6 : 4;
        if (d.family == 0) {
            d.family = family;
        } else if (family != d.family) {
            report.error(n, "bad-ip", d.tag + " mcast dest address " + n.arg(0) + " MUST match VRRP instance family."
                    + " Skipping...", "");
            return;
        }
        boolean ok = family == 4 ? a.get().isMulticastAddress() : a.get().isMCLinkLocal();
        if (!ok) {
            report.error(n, "bad-ip", d.tag + " mcast_dst_ip " + n.arg(0) + " not" + (family == 6 ? " link-local" : "")
                    + " multicast. Skipping...", "use a multicast address such as 224.0.0.18");
            return;
        }
        d.mcastDstNode = n;
    }

    /** alloc_vrrp_unicast_peer(): ADDRESS [min_ttl N] [max_ttl N]. */
    private static void peer(VrrpInstanceDraft d, Node line, BuildReport report) {
        Optional<InetAddress> a = Values.parseSockaddr(line.keyword());
        if (a.isEmpty()) {
            report.error(line, "bad-ip", "Configuration error: VRRP instance[" + d.name + "] malformed unicast peer address["
                    + line.keyword() + "]. Skipping...", "one peer address per line");
            return;
        }
        int family = a.get() instanceof Inet6Address ? 6 : 4;
        if (d.family == 0) {
            d.family = family;
        } else if (family != d.family) {
            report.error(line, "bad-ip", "Configuration error: VRRP instance[" + d.name + "] and unicast peer address["
                    + line.keyword() + "] MUST be of the same family !!! Skipping...", "");
            return;
        }
        int min = 0;
        int max = 255;
        List<String> args = line.args();
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                report.error(line, "bad-peer-option", d.tag + " " + args.get(i) + " is missing a value", "");
                break;
            }
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(args.get(i + 1), 0, 255);
            if (!r.accepted()) {
                report.diagnostics().error(KaStatus.INVALID_NUMBER, line.position(), "bad-value", r.problem(), line.text(), "");
                continue;
            }
            if (args.get(i).equals("min_ttl")) {
                min = (int) r.value();
            } else if (args.get(i).equals("max_ttl")) {
                max = (int) r.value();
            } else {
                report.error(line, "bad-peer-option", d.tag + " unknown unicast_peer option " + args.get(i), "");
                break;
            }
        }
        if (min > max) {
            report.error(line, "bad-peer-option", d.tag + " min_ttl " + min + " > max_ttl " + max
                    + " - all packets will be discarded", "");
        }
        d.peers.add(new UnicastPeer(a.get(), min, max));
    }

    private static void garp(VrrpInstanceDraft d, Fields f, GlobalDefs global, BuildReport report) {
        GarpSettings g = global.garp();
        d.garpMasterDelay = GlobalDefsBuilder.seconds(f, report, "garp_master_delay", 0, 0, g.masterDelaySeconds());
        d.garpMasterRepeat = (int) GlobalDefsBuilder.integer(f, report, "garp_master_repeat", 1, 255, g.masterRepeat());
        d.garpLowerPrioDelayNode = f.last("garp_lower_prio_delay").orElse(null);
        d.garpLowerPrioRepeatNode = f.last("garp_lower_prio_repeat").orElse(null);
        d.garp = new GarpSettings(d.garpMasterDelay, d.garpMasterRepeat,
                GlobalDefsBuilder.seconds(f, report, "garp_master_refresh", 0, 0, g.masterRefreshSeconds()),
                (int) GlobalDefsBuilder.integer(f, report, "garp_master_refresh_repeat", 1, 255, g.masterRefreshRepeat()),
                GlobalDefsBuilder.seconds(f, report, "garp_lower_prio_delay", 0, 0, g.lowerPrioDelaySeconds()),
                (int) GlobalDefsBuilder.integer(f, report, "garp_lower_prio_repeat", 1, 255, g.lowerPrioRepeat()),
                g.intervalSeconds(), g.gnaIntervalSeconds());
    }

    /**
     * An unsigned value in [min, max] as keepalived reads it: a bad one gets the number reader's
     * message (INVALID_NUMBER) and then the keyword's own (GENERAL_ERROR), as 2.2.7 prints both.
     */
    private static Optional<Long> ranged(Node n, long min, long max, BuildReport report, String code, String message,
                                         String hint) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), min, max);
        if (r.accepted()) {
            return Optional.of(r.value());
        }
        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(), n.text(), "");
        report.error(n, code, message, hint);
        return Optional.empty();
    }

    /** An optional BOOL argument (the bare keyword means true), with the keyword's own message. */
    private static Optional<Boolean> bool(Node n, String message, BuildReport report) {
        if (n.argCount() == 0) {
            return Optional.of(true);
        }
        Optional<Boolean> b = KeepalivedNumbers.bool(n.arg(0));
        if (b.isEmpty()) {
            report.error(n, "bad-value", message, "use on/off, true/false or yes/no");
        }
        return b;
    }

    private static String argOr(Node n) {
        return n.argCount() > 0 ? n.arg(0) : "";
    }

    private static List<Node> items(Node n) {
        return n.isBlock() ? n.children() : List.of();
    }

    /** A block holding just this statement, for the Fields-based readers. */
    private static Fields single(Node n, BuildReport report) {
        return Fields.of(new Node(n.position(), List.of(), List.of(n)), report.diagnostics());
    }
}
