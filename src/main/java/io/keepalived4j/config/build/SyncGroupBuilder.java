package io.keepalived4j.config.build;

import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vrrp_sync_group blocks, checked against the instances as vrrp_sync.c does in keepalived 2.2.7:
 * unknown members are dropped, an instance may belong to one group only, and a group of fewer
 * than two members is reported (and removed when it has none).
 */
final class SyncGroupBuilder {

    private SyncGroupBuilder() {
    }

    static List<SyncGroup> build(List<Node> nodes, Map<String, VrrpInstance> instances, BuildReport report) {
        List<SyncGroup> groups = new ArrayList<>();
        Map<String, String> groupOf = new java.util.HashMap<>();
        for (Node node : nodes) {
            Fields f = Fields.of(node, report.diagnostics());
            String name = f.name();
            List<String> members = new ArrayList<>();
            List<String> declared = new ArrayList<>();
            for (Node line : f.items("group")) {
                line.words().forEach(t -> declared.add(t.text()));
            }
            for (String m : declared) {
                if (!instances.containsKey(m)) {
                    report.error(node, "sync-member-missing", "Virtual router " + m + " specified in sync group " + name
                            + " doesn't exist - ignoring", "define vrrp_instance " + m + " or remove it from the group");
                } else if (groupOf.containsKey(m)) {
                    report.error(node, "sync-member-twice", "Virtual router " + m
                            + " cannot exist in more than one sync group; ignoring " + name, "");
                } else {
                    members.add(m);
                }
            }
            if (members.isEmpty()) {
                String msg = declared.isEmpty() && !f.has("group")
                        ? "Sync group " + name + " has no virtual router(s). removing"
                        : declared.isEmpty() ? "Sync group " + name + " has no virtual router(s). removing"
                        : "Sync group " + name + ", no matching virtual router found in group declaration - removing";
                report.error(node, "sync-empty", msg, "list the instances in a group { VI_1 VI_2 } block");
                continue;
            }
            members.forEach(m -> groupOf.put(m, name));
            if (members.size() == 1) {
                report.error(node, "sync-single", "Sync group " + name + " has only 1 virtual router(s) - this probably isn't"
                        + " what you want", "a sync group moves several instances together");
            }
            Optional<Boolean> smtp = f.flag("smtp_alert");
            groups.add(new SyncGroup(name, List.copyOf(members),
                    TrackLines.refs(f.items("track_interface"), -253, 253, report),
                    TrackLines.refs(f.items("track_script"), -253, 253, report),
                    TrackLines.refs(f.items("track_file"), -254, 254, report),
                    TrackLines.notifyScripts(f, report), smtp.orElse(null), node.position()));
        }
        return List.copyOf(groups);
    }
}
