package io.keepalived4j.config.build;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.TrackProcess;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.config.model.VrrpSection;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The VRRP side of the configuration: trackers, instances, sync groups and static blocks, then
 * the checks across them that keepalived makes when it completes the configuration (duplicate
 * names, a VRID used twice on one interface, references to undefined trackers).
 */
final class VrrpSectionBuilder {

    private VrrpSectionBuilder() {
    }

    static VrrpSection build(List<Node> roots, GlobalDefs global, BuildReport report) {
        RouteLines routeLines = new RouteLines();
        List<VirtualAddress> staticAddresses = new ArrayList<>();
        List<StaticRoute> staticRoutes = new ArrayList<>();
        List<StaticRule> staticRules = new ArrayList<>();
        List<VrrpScript> scripts = new ArrayList<>();
        List<TrackFile> trackFiles = new ArrayList<>();
        List<TrackProcess> processes = new ArrayList<>();
        Map<String, VrrpInstance> instances = new LinkedHashMap<>();
        List<Node> syncNodes = new ArrayList<>();
        for (Node n : roots) {
            if (!n.isBlock()) {
                continue;
            }
            switch (n.keyword()) {
                case "static_ipaddress" -> n.children().forEach(l -> AddressLines.parse(l, report).ifPresent(staticAddresses::add));
                case "static_routes" -> n.children().forEach(l -> staticRoutes.add(routeLines.route(l, report)));
                case "static_rules" -> n.children().forEach(l -> routeLines.rule(l, report).ifPresent(staticRules::add));
                case "vrrp_script" -> VrrpTrackersBuilder.script(n, report).ifPresent(scripts::add);
                case "track_file", "vrrp_track_file" -> VrrpTrackersBuilder.trackFile(n, report).ifPresent(trackFiles::add);
                case "vrrp_track_process" -> VrrpTrackersBuilder.trackProcess(n, report).ifPresent(processes::add);
                case "vrrp_sync_group" -> syncNodes.add(n);
                case "vrrp_instance" -> {
                    String name = n.argCount() > 0 ? n.arg(0) : "";
                    if (instances.containsKey(name)) {
                        report.error(n, "duplicate-instance", "vrrp instance " + name + " already defined",
                                "give each vrrp_instance its own name");
                        continue;
                    }
                    VrrpInstanceBuilder.build(n, global, routeLines, report).ifPresent(i -> instances.put(name, i));
                }
                default -> {
                }
            }
        }
        checkVridClashes(instances.values(), report);
        noteStrictFirewall(instances.values(), report);
        List<VrrpInstance> kept = new ArrayList<>();
        Set<String> scriptNames = scripts.stream().map(VrrpScript::name).collect(Collectors.toSet());
        for (VrrpInstance i : instances.values()) {
            kept.add(withKnownScripts(i, scriptNames, report));
        }
        List<SyncGroup> groups = SyncGroupBuilder.build(syncNodes, instances, report);
        return new VrrpSection(List.copyOf(kept), groups, List.copyOf(scripts), List.copyOf(trackFiles),
                List.copyOf(processes), List.copyOf(staticAddresses), List.copyOf(staticRoutes), List.copyOf(staticRules));
    }

    /** keepalived: "VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0". */
    /**
     * vrrp_strict's firewall side: keepalived 2.2.7 adds nftables/iptables rules that drop traffic
     * to the VIPs of no_accept instances. keepalived4j leaves the firewall to the operator, and
     * says so once, at the first such instance.
     */
    private static void noteStrictFirewall(Iterable<VrrpInstance> instances, BuildReport report) {
        List<String> names = new ArrayList<>();
        io.keepalived4j.config.Position first = null;
        for (VrrpInstance i : instances) {
            if (i.strictMode() && !i.accept() && !i.virtualAddresses().isEmpty()) {
                names.add(i.name());
                first = first == null ? i.position() : first;
            }
        }
        if (first != null) {
            report.note(first, "strict-firewall", "vrrp_strict: keepalived would install firewall rules dropping traffic"
                    + " to the VIPs of " + String.join(", ", names) + " (no_accept); keepalived4j does not manage a firewall",
                    "add the drop rules yourself (nft add rule inet filter input ip daddr VIP drop), or set 'accept'");
        }
    }

    private static void checkVridClashes(Iterable<VrrpInstance> instances, BuildReport report) {
        Map<String, VrrpInstance> seen = new HashMap<>();
        for (VrrpInstance i : instances) {
            if (i.interfaceName().isEmpty() || i.isUnicast()) {
                continue;
            }
            boolean v6 = !i.virtualAddresses().isEmpty() && i.virtualAddresses().getFirst().isIpv6();
            String key = i.interfaceName() + "/" + i.virtualRouterId() + "/" + v6;
            VrrpInstance other = seen.putIfAbsent(key, i);
            if (other != null) {
                report.diagnostics().error(io.keepalived4j.config.KaStatus.GENERAL_ERROR, i.position(), "duplicate-vrid",
                        other.name() + " and " + i.name() + " both use VRID " + i.virtualRouterId() + " with "
                                + (v6 ? "IPv6" : "IPv4") + " on interface " + i.interfaceName(), "",
                        "each VRRP group needs its own VRID on an interface");
            }
        }
    }

    /** Drops track_script entries naming undefined scripts, as keepalived does (with its message). */
    private static VrrpInstance withKnownScripts(VrrpInstance i, Set<String> scripts, BuildReport report) {
        List<TrackRef> known = new ArrayList<>();
        for (TrackRef r : i.trackScripts()) {
            if (scripts.contains(r.name())) {
                known.add(r);
            } else {
                report.diagnostics().error(io.keepalived4j.config.KaStatus.GENERAL_ERROR, r.position(), "unknown-track-script",
                        "(" + i.name() + ") track script " + r.name() + " not found, ignoring...", r.name(),
                        "define vrrp_script " + r.name() + " { script \"...\" }");
            }
        }
        if (known.size() == i.trackScripts().size()) {
            return i;
        }
        return new VrrpInstance(i.name(), i.state(), i.interfaceName(), i.virtualRouterId(), i.priority(),
                i.advertIntervalSeconds(), i.version(), i.authType(), i.authPass(), i.virtualAddresses(),
                i.excludedAddresses(), i.nopreempt(), i.preemptDelaySeconds(), i.mcastSourceIp(), i.unicastPeers(),
                i.trackInterfaces(), List.copyOf(known), i.trackFiles(), i.trackProcesses(), i.notifyScripts(),
                i.strictMode(), i.garpMasterDelaySeconds(), i.garpMasterRepeat(), i.downTimerAdverts(), i.useVmac(),
                i.accept(), i.smtpAlert(), i.garp(), i.virtualRoutes(), i.virtualRules(), i.settings(), i.position());
    }
}
