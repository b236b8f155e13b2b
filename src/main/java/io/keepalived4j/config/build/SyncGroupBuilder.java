package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * vrrp_sync_group blocks, in keepalived 2.2.7's two steps: the vrrp_parser.c handlers read the
 * block where it stands (its trackers must be defined above it, a second {@code group} block is
 * refused), then vrrp_sync_set_group() (vrrp_sync.c) matches the members against the instances:
 * unknown members are dropped, an instance may belong to one group only, and a group of fewer
 * than two members is reported (and removed when it has none).
 */
final class SyncGroupBuilder {

    /** A sync group as its block was read. */
    static final class Draft {
        final Node node;
        final String name;
        /** The first group block's member names; null when there is none. */
        List<String> declared;
        final List<TrackRef> trackInterfaces = new ArrayList<>();
        final List<TrackRef> trackScripts = new ArrayList<>();
        final List<TrackRef> trackFiles = new ArrayList<>();
        final List<TrackRef> trackProcesses = new ArrayList<>();
        final List<TrackRef> trackBfds = new ArrayList<>();
        Map<String, Script> notifyScripts;
        boolean trackingWeight;
        Boolean smtpAlert;
        /** The members vrrp_sync_set_group() kept. */
        final List<String> members = new ArrayList<>();

        Draft(Node node, String name) {
            this.node = node;
            this.name = name;
        }
    }

    private SyncGroupBuilder() {
    }

    /** vrrp_sync_group_handler() and the handlers of its block; empty when keepalived skips the block. */
    static Optional<Draft> read(Node node, List<Draft> earlier, VrrpInstanceBuilder.Defined defined, BuildReport report) {
        if (node.argCount() != 1) {
            report.error(node, "sync-group-name", "vrrp_sync_group must have a name - skipping",
                    "write: vrrp_sync_group NAME {");
            return Optional.empty();
        }
        Fields f = Fields.of(node, report.diagnostics());
        String name = f.name();
        if (earlier.stream().anyMatch(g -> g.name.equals(name))) {
            report.error(node, "duplicate-sync-group", "vrrp sync group " + name + " already defined",
                    "give each vrrp_sync_group its own name");
            return Optional.empty();
        }
        Draft g = new Draft(node, name);
        for (Node n : node.children() == null ? List.<Node>of() : node.children()) {
            List<Node> items = n.isBlock() ? n.children() : List.of();
            switch (n.keyword()) {
                case "group" -> {
                    if (g.declared != null) {
                        report.error(n, "sync-group-twice", "Group list already specified for sync group " + name,
                                "list every member in one group block");
                        continue;
                    }
                    List<String> declared = new ArrayList<>();
                    items.forEach(line -> line.words().forEach(t -> declared.add(t.text())));
                    if (declared.isEmpty()) {
                        report.error(n, "sync-group-empty", "Warning - sync group " + name + " has empty group block",
                                "list the instances: group { VI_1 VI_2 }");
                    } else {
                        g.declared = declared;
                    }
                }
                case "track_interface" -> TrackLines.read(TrackLines.Kind.INTERFACE, name, items, null, g.trackInterfaces, report);
                case "track_script" -> TrackLines.read(TrackLines.Kind.SCRIPT, name, items, defined.scripts(), g.trackScripts, report);
                case "track_file" -> TrackLines.read(TrackLines.Kind.FILE, name, items, defined.files(), g.trackFiles, report);
                case "track_process" -> TrackLines.read(TrackLines.Kind.PROCESS, name, items, defined.processes(),
                        g.trackProcesses, report);
                case "track_bfd" -> TrackLines.read(TrackLines.Kind.BFD, name, items, defined.bfds(), g.trackBfds, report);
                case "sync_group_tracking_weight" -> g.trackingWeight = true;
                default -> {
                }
            }
        }
        g.notifyScripts = TrackLines.notifyScripts(f, name, report);
        Optional<Node> smtp = f.last("smtp_alert");
        if (smtp.isPresent()) {
            if (smtp.get().argCount() == 0) {
                g.smtpAlert = true;
            } else {
                g.smtpAlert = KeepalivedNumbers.bool(smtp.get().arg(0)).orElse(null);
                if (g.smtpAlert == null) {
                    report.error(smtp.get(), "bad-value", "Invalid vrrp_group smtp_alert parameter " + smtp.get().arg(0),
                            "use on/off, true/false or yes/no");
                }
            }
        }
        return Optional.of(g);
    }

    /**
     * vrrp_sync_set_group() for each group, in order, with the instances as their blocks set them:
     * a group whose first members are address owners (state MASTER, priority 255) cannot take one
     * that wrote state BACKUP.
     */
    static void match(List<Draft> groups, Map<String, VrrpInstanceDraft> instances, BuildReport report) {
        Map<String, String> groupOf = new HashMap<>();
        for (Draft g : groups) {
            if (g.declared == null) {
                report.error(g.node, "sync-empty", "Sync group " + g.name + " has no virtual router(s). removing",
                        "list the instances in a group { VI_1 VI_2 } block");
                continue;
            }
            Boolean ownersOnly = null;
            for (String m : g.declared) {
                VrrpInstanceDraft i = instances.get(m);
                if (i == null) {
                    report.error(g.node, "sync-member-missing", "Virtual router " + m + " specified in sync group " + g.name
                            + " doesn't exist - ignoring", "define vrrp_instance " + m + " or remove it from the group");
                    continue;
                }
                if (groupOf.containsKey(m)) {
                    report.error(g.node, "sync-member-twice", "Virtual router " + m
                            + " cannot exist in more than one sync group; ignoring " + g.name, "");
                    continue;
                }
                groupOf.put(m, g.name);
                g.members.add(m);
                boolean owner = i.state == io.keepalived4j.config.model.VrrpState.MASTER && i.priority == 255;
                if (Boolean.TRUE.equals(ownersOnly) && i.state == io.keepalived4j.config.model.VrrpState.BACKUP) {
                    report.error(g.node, "sync-owner-mix", "Sync group " + g.name + " has some member(s) as address owner"
                            + " and some not as address owner. This won't work.",
                            "address owners (priority 255, state MASTER) cannot share a sync group with backups");
                }
                if (!Boolean.FALSE.equals(ownersOnly)) {
                    ownersOnly = owner;
                }
            }
            if (g.members.isEmpty()) {
                report.error(g.node, "sync-empty", "Sync group " + g.name + ", no matching virtual router found in group"
                        + " declaration - removing", "list the instances in a group { VI_1 VI_2 } block");
            } else if (g.members.size() == 1) {
                report.error(g.node, "sync-single", "Sync group " + g.name + " has only 1 virtual router(s) - this probably"
                        + " isn't what you want", "a sync group moves several instances together");
            }
        }
    }

    /** The groups that kept members, as the model has them. */
    static List<SyncGroup> model(List<Draft> groups) {
        List<SyncGroup> out = new ArrayList<>();
        for (Draft g : groups) {
            if (!g.members.isEmpty()) {
                out.add(new SyncGroup(g.name, List.copyOf(g.members), List.copyOf(g.trackInterfaces),
                        List.copyOf(g.trackScripts), List.copyOf(g.trackFiles), g.notifyScripts, g.smtpAlert,
                        g.node.position()));
            }
        }
        return List.copyOf(out);
    }
}
