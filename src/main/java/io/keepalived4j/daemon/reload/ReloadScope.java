package io.keepalived4j.daemon.reload;

import io.keepalived4j.config.model.KeepalivedConfig;

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
}
