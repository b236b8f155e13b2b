package io.keepalived4j.daemon.reload;

import io.keepalived4j.config.SameConfiguration;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpSection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a checked new configuration changes, side by side with the running one: the VRRP instances'
 * {@link ReloadPlan}, whether anything of the VRRP side (instances, trackers, sync groups, static
 * addresses, global_defs) differs at all, and whether the virtual servers do. File positions never
 * count (a comment added at the top moves every line).
 */
public record ReloadScope(ReloadPlan instances, boolean vrrpUnchanged, boolean virtualServersChanged) {

    public static ReloadScope of(KeepalivedConfig running, KeepalivedConfig next) {
        return new ReloadScope(ReloadPlan.of(running.vrrp().instances(), next.vrrp().instances()),
                SameConfiguration.equal(running.vrrp(), next.vrrp()) && SameConfiguration.equal(running.global(), next.global()),
                !SameConfiguration.equal(running.lvs(), next.lvs()));
    }

    /** One line for the log: how many instances are unchanged, changed in what, added, removed. */
    public String summary() {
        long unchanged = instances.matched().stream().filter(ReloadPlan.Match::unchanged).count();
        long priority = count(ReloadPlan.Change.PRIORITY);
        long vips = count(ReloadPlan.Change.VIPS);
        long other = count(ReloadPlan.Change.OTHER);
        return unchanged + " unchanged, " + priority + " with a new priority, " + vips + " with a new VIP list, "
                + other + " with other changes, " + instances.added().size() + " added, "
                + instances.removed().size() + " removed";
    }

    private long count(ReloadPlan.Change change) {
        return instances.matched().stream().filter(m -> m.changes().contains(change)).count();
    }

    /** A running instance (by its index in the running configuration) whose configured priority changes. */
    public record PriorityChange(int index, String name, int from, int to) {
    }

    /**
     * The priority changes, when they are all that a reload changes on the VRRP side (same
     * instances, nothing else in them or around them changed) and none involves an address owner's
     * 255: then they apply in place on the running instances. Empty otherwise.
     */
    public static Optional<List<PriorityChange>> prioritiesOnly(KeepalivedConfig running, KeepalivedConfig next) {
        ReloadScope scope = of(running, next);
        ReloadPlan plan = scope.instances();
        if (scope.vrrpUnchanged() || !plan.added().isEmpty() || !plan.removed().isEmpty()
                || !SameConfiguration.equal(running.global(), next.global())) {
            return Optional.empty();
        }
        List<VrrpInstance> before = running.vrrp().instances();
        List<PriorityChange> changes = new ArrayList<>();
        for (ReloadPlan.Match m : plan.matched()) {
            if (!m.unchanged() && !m.changes().equals(java.util.Set.of(ReloadPlan.Change.PRIORITY))) {
                return Optional.empty();
            }
            int from = m.before().priority();
            int to = m.after().priority();
            if (from != to) {
                if (from < 1 || from > 254 || to < 1 || to > 254) {
                    return Optional.empty();
                }
                changes.add(new PriorityChange(before.indexOf(m.before()), m.before().name(), from, to));
            }
        }
        // Nothing else of the VRRP side (trackers, sync groups, static addresses, the instances'
        // order) may differ: the running configuration with the new priorities must be the new one.
        KeepalivedConfig applied = withPriorities(running, changes);
        return SameConfiguration.equal(applied.vrrp(), next.vrrp()) ? Optional.of(List.copyOf(changes)) : Optional.empty();
    }

    /** The running configuration once {@code changes} are applied (what the next reload compares with). */
    public static KeepalivedConfig withPriorities(KeepalivedConfig running, List<PriorityChange> changes) {
        List<VrrpInstance> instances = new ArrayList<>(running.vrrp().instances());
        for (PriorityChange c : changes) {
            VrrpInstance i = instances.get(c.index());
            instances.set(c.index(), i.withPriorityAndVips(c.to(), i.virtualAddresses(), i.excludedAddresses()));
        }
        VrrpSection v = running.vrrp();
        return new KeepalivedConfig(running.global(), new VrrpSection(instances, v.syncGroups(), v.scripts(), v.trackFiles(),
                v.trackProcesses(), v.staticAddresses(), v.staticRoutes(), v.staticRules()), running.lvs());
    }
}
