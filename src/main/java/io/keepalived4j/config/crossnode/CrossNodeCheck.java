package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The check keepalived lacks: consistency of the VRRP configuration across the nodes of a cluster.
 * Groups the instances of all files into virtual routers ({@link VrrpGrouping}) and reports, per
 * group, mismatches that split the cluster and elections that do not go as meant.
 *
 * <pre>{@code
 * List<Finding> findings = CrossNodeCheck.run(List.of(
 *         NodeFile.of("lb1.conf", lb1.model(), lb1.tree()),
 *         NodeFile.of("lb2.conf", lb2.model(), lb2.tree())));
 * findings.forEach(f -> System.out.println(f.format()));
 * }</pre>
 */
public final class CrossNodeCheck {

    private CrossNodeCheck() {
    }

    /** Findings in a stable order: router_id first, then by VRID group. Empty for fewer than two files. */
    public static List<Finding> run(List<NodeFile> nodes) {
        List<Finding> out = new ArrayList<>();
        if (nodes.size() < 2) {
            return out;
        }
        out.addAll(RouterIdCheck.check(nodes));
        List<VrrpGroup> groups = VrrpGrouping.of(nodes);
        for (VrrpGroup group : groups) {
            if (group.fileCount() < 2) {
                out.add(singleFile(group, groups));
            }
            out.addAll(SettingChecks.check(group));
            out.addAll(ElectionChecks.check(group));
            out.addAll(UnicastPeerCheck.check(group));
        }
        return List.copyOf(out);
    }

    /** A VRID that appears in one file only: its peer configuration may be missing. */
    private static Finding singleFile(VrrpGroup group, List<VrrpGroup> all) {
        Member first = group.members().getFirst();
        List<Position> positions = group.members().stream().map(m -> m.at("virtual_router_id")).toList();
        String elsewhere = all.stream()
                .filter(g -> g != group && g.virtualRouterId() == group.virtualRouterId())
                .flatMap(g -> g.members().stream())
                .filter(m -> m.fileIndex() != first.fileIndex())
                .map(m -> m.describe(m.at("virtual_router_id")) + " "
                        + (m.isUnicast() ? "with other unicast peers" : "on " + m.instance().interfaceName()))
                .collect(Collectors.joining(", "));
        String message = group.label() + " is configured only in " + first.file() + " ("
                + group.members().stream().map(m -> m.describe(m.at("virtual_router_id"))).collect(Collectors.joining(", "))
                + "): is the peer configuration missing?"
                + (elsewhere.isEmpty() ? "" : " The same VRID appears at " + elsewhere
                        + ", which does not form one virtual router with it");
        String hint = elsewhere.isEmpty() ? "pass every node's file to 'check'"
                : "instances are matched by VRID, address family and interface name (or mutual unicast peers)";
        return new Finding(Severity.NOTE, "vrid-single-file", message, positions, hint);
    }
}
