package io.keepalived4j.vrrp.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code vrrp_sync_group}: the members change state together (features.md section 7, keepalived
 * vrrp_sync.c). When one member becomes MASTER the others follow ("Syncing instances to MASTER
 * state"); when one falls back to BACKUP or enters FAULT, so do the others; when it leaves FAULT,
 * the others leave it with it.
 *
 * <pre>{@code
 * SyncGroupCoordinator g = new SyncGroupCoordinator("G1", List.of(vi1, vi2));
 * for (Action a : vi1.handle(event, now)) {
 *     if (a instanceof Action.StateChanged sc) g.follow(vi1, sc, now);
 * }
 * }</pre>
 */
public final class SyncGroupCoordinator {

    private final String name;
    private final List<InstanceDriver> members;

    public SyncGroupCoordinator(String name, List<InstanceDriver> members) {
        this.name = name;
        this.members = List.copyOf(members);
    }

    /** What one member must do because the group moved it. */
    public record MemberActions(InstanceDriver member, List<Action> actions) {
    }

    public String name() {
        return name;
    }

    public List<InstanceDriver> members() {
        return members;
    }

    /**
     * Moves the other members after {@code changed} made the transition; returns each moved
     * member's actions, in order, the first entry (for {@code changed}) carrying keepalived's log
     * line. Transitions they make in turn are not propagated again.
     */
    public List<MemberActions> follow(InstanceDriver changed, Action.StateChanged transition, long now) {
        VrrpState target = switch (transition.to()) {
            case MASTER -> VrrpState.MASTER;
            case FAULT -> VrrpState.FAULT;
            case BACKUP -> transition.from() == VrrpState.MASTER || transition.from() == VrrpState.FAULT
                    ? VrrpState.BACKUP : null;
            default -> null;
        };
        List<MemberActions> out = new ArrayList<>();
        if (target == null) {
            return out;
        }
        out.add(new MemberActions(changed,
                List.of(new Action.Log("VRRP_Group(" + name + ") Syncing instances to " + target + " state"))));
        for (InstanceDriver m : members) {
            if (m != changed && m.state() != target && m.state() != VrrpState.STOP && m.state() != VrrpState.INIT) {
                out.add(new MemberActions(m, m.handle(new Event.GroupForced(target), now)));
            }
        }
        return out;
    }
}
