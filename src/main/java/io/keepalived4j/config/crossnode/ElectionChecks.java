package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.model.VrrpState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Priorities and preemption across a group: configurations keepalived accepts but whose election
 * does not behave as their author meant (vrrp-wire.md section 6).
 */
final class ElectionChecks {

    private static final int OWNER = 255;

    private ElectionChecks() {
    }

    static List<Finding> check(VrrpGroup group) {
        List<Finding> out = new ArrayList<>();
        if (group.fileCount() >= 2) {
            owners(group, out);
            equalPriorities(group, out);
            preemptingDespiteNopreempt(group, out);
        }
        ignoredNopreempt(group, out);
        return out;
    }

    /**
     * RFC 5798 section 5.2.4: only the address owner has priority 255. keepalived logs
     * "CONFIGURATION ERROR: local instance and ... are both configured as address owner".
     */
    private static void owners(VrrpGroup group, List<Finding> out) {
        List<Member> owners = group.members().stream().filter(m -> m.instance().priority() == OWNER).toList();
        if (owners.stream().mapToInt(Member::fileIndex).distinct().count() > 1) {
            out.add(sides(group, owners, Severity.ERROR, "multiple-address-owners",
                    "priority 255 (address owner) on more than one node",
                    "both start as master at once; keepalived logs 'CONFIGURATION ERROR: ... both configured as address owner'",
                    "give priority 255 to at most one node (the one that really owns the addresses), lower ones to the others"));
        }
    }

    /** Equal priorities: the higher primary IP address wins (RFC 5798 section 6.4.3), which few intend. */
    private static void equalPriorities(VrrpGroup group, List<Finding> out) {
        Map<Integer, List<Member>> byPriority = new TreeMap<>();
        for (Member m : group.members()) {
            if (m.instance().priority() != OWNER) {
                byPriority.computeIfAbsent(m.instance().priority(), k -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<Integer, List<Member>> e : byPriority.entrySet()) {
            List<Member> same = e.getValue();
            if (same.stream().mapToInt(Member::fileIndex).distinct().count() < 2) {
                continue;
            }
            // With nopreempt everywhere, equal priorities are the usual "first one up stays master" setup.
            boolean allNopreempt = same.stream().allMatch(ElectionChecks::effectiveNopreempt);
            out.add(sides(group, same, allNopreempt ? Severity.NOTE : Severity.WARNING, "equal-priority",
                    "the same priority " + e.getKey() + " on more than one node",
                    "the election between them is decided by the higher primary IP address",
                    allNopreempt ? "fine with nopreempt everywhere (the node up first stays master)"
                            : "give each node a distinct priority so that the intended master wins"));
        }
    }

    /**
     * nopreempt only stops the node that would take over: the one with the higher priority. Set on
     * lower nodes only, it changes nothing (tests.md item 10, issues #1515, #2257).
     */
    private static void preemptingDespiteNopreempt(VrrpGroup group, List<Finding> out) {
        if (group.members().stream().noneMatch(ElectionChecks::effectiveNopreempt)) {
            return;
        }
        int lowest = group.members().stream().mapToInt(m -> m.instance().priority()).min().orElse(0);
        List<Member> preempting = group.members().stream()
                .filter(m -> !effectiveNopreempt(m) && m.instance().priority() > lowest).toList();
        if (preempting.isEmpty()) {
            return;
        }
        List<Member> involved = new ArrayList<>(group.members().stream().filter(ElectionChecks::effectiveNopreempt).toList());
        involved.addAll(preempting);
        List<Position> positions = new ArrayList<>();
        List<String> with = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Member m : involved) {
            boolean np = effectiveNopreempt(m);
            Position at = np ? m.at("nopreempt") : m.at("priority");
            positions.add(at);
            (np ? with : without).add(m.describe(at) + " priority " + m.instance().priority());
        }
        out.add(new Finding(Severity.WARNING, "nopreempt-not-on-higher-priority",
                group.label() + ": nopreempt is set at " + String.join(", ", with) + " but not at "
                        + String.join(", ", without) + ", which still takes over from a lower-priority master",
                positions, "set nopreempt (with state BACKUP) on every node of the group, above all the higher-priority ones"));
    }

    /**
     * keepalived clears nopreempt with priority 255 or {@code state MASTER}
     * ({@code vrrp_complete_instance()}, features.md section 8).
     */
    private static void ignoredNopreempt(VrrpGroup group, List<Finding> out) {
        for (Member m : group.members()) {
            // The model holds keepalived's result (nopreempt cleared); the intent is in the file.
            boolean requested = m.instance().nopreempt() || m.wrote("nopreempt");
            boolean masterOrOwner = m.instance().priority() == OWNER || m.instance().state() == VrrpState.MASTER;
            if (!requested || !masterOrOwner) {
                continue;
            }
            String why = m.instance().priority() == OWNER ? "priority 255 (the address owner always preempts)"
                    : "state MASTER";
            Position np = m.at("nopreempt");
            Position reason = m.instance().priority() == OWNER ? m.at("priority") : m.at("state");
            out.add(new Finding(Severity.WARNING, "nopreempt-ignored",
                    group.label() + ": " + m.describe(np) + " sets nopreempt together with " + why
                            + " at " + reason + ": keepalived ignores nopreempt then ('"
                            + (m.instance().priority() == OWNER ? "nopreempt is incompatible with priority 255"
                                    : "nopreempt will not work with initial state MASTER") + "'), so the intent is contradictory",
                    List.of(np, reason), "with nopreempt, write 'state BACKUP' and a priority below 255 on every node"));
        }
    }

    static boolean effectiveNopreempt(Member m) {
        return m.instance().nopreempt() && m.instance().state() != VrrpState.MASTER && m.instance().priority() != OWNER;
    }

    private static Finding sides(VrrpGroup group, List<Member> members, Severity severity, String code,
                                 String what, String consequence, String hint) {
        List<Position> positions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Member m : members) {
            Position at = m.at("priority");
            positions.add(at);
            names.add(m.describe(at));
        }
        return new Finding(severity, code, group.label() + ": " + what + ": " + String.join(", ", names)
                + "; " + consequence, positions, hint);
    }
}
