package io.keepalived4j.config.build;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.TrackProcess;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.config.model.VrrpSection;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VRRP side of the configuration, as keepalived 2.2.7's VRRP process reads it: the blocks in
 * file order (a tracker is known from its block on, so a reference above it is "not found"), then
 * the completion checks across them ({@link VrrpCompletion}).
 */
final class VrrpSectionBuilder {

    private VrrpSectionBuilder() {
    }

    static VrrpSection build(List<Node> roots, GlobalDefs global, BuildReport report) {
        RouteLines routeLines = new RouteLines();
        List<VirtualAddress> staticAddresses = new ArrayList<>();
        List<StaticRoute> staticRoutes = new ArrayList<>();
        List<StaticRule> staticRules = new ArrayList<>();
        Map<String, VrrpScript> scripts = new LinkedHashMap<>();
        Map<String, TrackFile> trackFiles = new LinkedHashMap<>();
        Map<String, TrackProcess> processes = new LinkedHashMap<>();
        Set<String> bfds = new HashSet<>();
        // Live views: a reference sees the trackers defined before it.
        VrrpInstanceBuilder.Defined defined = new VrrpInstanceBuilder.Defined(scripts.keySet(), trackFiles.keySet(),
                processes.keySet(), bfds, new java.util.HashMap<>());
        Map<String, VrrpInstanceDraft> instances = new LinkedHashMap<>();
        List<SyncGroupBuilder.Draft> groups = new ArrayList<>();
        for (Node n : roots) {
            if (!n.isBlock()) {
                continue;
            }
            switch (n.keyword()) {
                case "static_ipaddress" -> n.children().forEach(l -> AddressLines.parse(l, report).ifPresent(staticAddresses::add));
                case "static_routes" -> n.children().forEach(l -> staticRoutes.add(routeLines.route(l, report)));
                case "static_rules" -> n.children().forEach(l -> routeLines.rule(l, report).ifPresent(staticRules::add));
                case "vrrp_script" -> VrrpTrackersBuilder.script(n, report).ifPresent(s -> scripts.put(s.name(), s));
                case "track_file", "vrrp_track_file" -> VrrpTrackersBuilder.trackFile(n, report).ifPresent(t -> trackFiles.put(t.name(), t));
                case "vrrp_track_process" -> VrrpTrackersBuilder.trackProcess(n, report).ifPresent(p -> processes.put(p.name(), p));
                case "bfd_instance" -> {
                    // The VRRP process only learns the name; the BFD side checks the block (BfdChecks).
                    if (n.argCount() > 0) {
                        bfds.add(n.arg(0));
                    }
                }
                case "vrrp_sync_group" -> SyncGroupBuilder.read(n, groups, defined, report).ifPresent(groups::add);
                case "vrrp_instance" -> {
                    if (n.argCount() != 1) {
                        report.error(n, "instance-name", "vrrp_instance must have a name", "write: vrrp_instance NAME {");
                        continue;
                    }
                    String name = n.arg(0);
                    if (instances.containsKey(name)) {
                        report.error(n, "duplicate-instance", "vrrp instance " + name + " already defined",
                                "give each vrrp_instance its own name");
                        continue;
                    }
                    instances.put(name, VrrpInstanceBuilder.read(n, global, routeLines, defined, report));
                }
                default -> {
                }
            }
        }
        List<VrrpInstance> completed = new ArrayList<>();
        VrrpCompletion completion = new VrrpCompletion(global, scripts, trackFiles, report);
        report.diagnostics().stage(VrrpCompletion.STAGE,
                () -> completed.addAll(completion.complete(List.copyOf(instances.values()), groups)));
        noteStrictFirewall(completed, report);
        List<SyncGroup> syncGroups = SyncGroupBuilder.model(groups);
        return new VrrpSection(List.copyOf(completed), syncGroups, List.copyOf(scripts.values()),
                List.copyOf(trackFiles.values()), List.copyOf(processes.values()), List.copyOf(staticAddresses),
                List.copyOf(staticRoutes), List.copyOf(staticRules));
    }

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
}
