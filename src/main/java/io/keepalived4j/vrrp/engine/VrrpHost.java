package io.keepalived4j.vrrp.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * All VRRP instances of one node, with their sync groups and trackers: routes each event to its
 * instance, lets a sync group follow a member's state change, and hands every resulting action
 * (but timers, which it keeps) to the node's {@link Effects}. No threads and no clock: the same
 * code runs a simulated host in virtual time and the daemon on real sockets.
 *
 * <pre>{@code
 * VrrpHost host = new VrrpHost(spec, (instance, action, now) -> transport.perform(instance, action), Mutation.NONE);
 * host.start(now);
 * host.advert(0, source, 100, 100, now);          // a validated advert for instance 0
 * host.nextDeadline().ifPresent(at -> ...);       // then host.fireDue(at)
 * }</pre>
 */
public final class VrrpHost {

    /** Performs one action of one instance (never a timer action: the host keeps those). */
    @FunctionalInterface
    public interface Effects {
        void perform(int instance, Action action, long now);
    }

    private final HostSpec spec;
    private final Effects effects;
    private final List<InstanceDriver> drivers = new ArrayList<>();
    private final List<InstanceTrackers> trackers = new ArrayList<>();
    private final List<SyncGroupCoordinator> groups = new ArrayList<>();
    private final java.util.Map<SyncGroupCoordinator, VrrpState> groupStates = new java.util.HashMap<>();
    /** The instances that go on from a predecessor's state (a reload) rather than starting. */
    private final java.util.Set<Integer> carried;

    public VrrpHost(HostSpec spec, Effects effects, VrrpStateMachine.Mutation mutation) {
        this(spec, effects, mutation, java.util.Map.of());
    }

    /**
     * A reload's successor host: the instances in {@code carried} (by their index in
     * {@code spec}) go on from their predecessor's state and timers ({@link InstanceDriver#carry}),
     * the others start as new at {@link #start}.
     */
    public VrrpHost(HostSpec spec, Effects effects, VrrpStateMachine.Mutation mutation,
                    java.util.Map<Integer, InstanceDriver.Carried> carried) {
        this.spec = spec;
        this.effects = effects;
        this.carried = java.util.Set.copyOf(carried.keySet());
        for (int n = 0; n < spec.instances().size(); n++) {
            HostSpec.InstanceSpec i = spec.instances().get(n);
            InstanceDriver.Carried c = carried.get(n);
            drivers.add(c == null ? new InstanceDriver(i.parameters(), mutation) : new InstanceDriver(i.parameters(), mutation, c));
            trackers.add(new InstanceTrackers(i.parameters().name(), i.parameters().priority(), i.trackers()));
        }
        for (HostSpec.SyncGroupSpec g : spec.syncGroups()) {
            groups.add(new SyncGroupCoordinator(g.name(), g.members().stream().map(drivers::get).toList()));
        }
    }

    public VrrpHost(HostSpec spec, Effects effects) {
        this(spec, effects, VrrpStateMachine.Mutation.NONE);
    }

    public HostSpec spec() {
        return spec;
    }

    public int size() {
        return drivers.size();
    }

    public VrrpState state(int instance) {
        return drivers.get(instance).state();
    }

    public VrrpStateMachine.Snapshot snapshot(int instance) {
        return drivers.get(instance).snapshot();
    }

    /** The latest status of each of an instance's trackers (for status reports). */
    public List<TrackerStatus> trackerStatuses(int instance) {
        return trackers.get(instance).statuses();
    }

    public InstanceParameters parameters(int instance) {
        return drivers.get(instance).parameters();
    }

    /** The instance with this VRID, or -1 (one node runs one instance per VRID and family). */
    public int indexOfVrid(int vrid) {
        for (int i = 0; i < drivers.size(); i++) {
            if (drivers.get(i).parameters().vrid() == vrid) {
                return i;
            }
        }
        return -1;
    }

    /** Starts every instance, after applying its trackers' initial statuses (FAULT at once if one is down). */
    public void start(long now) {
        for (SyncGroupCoordinator g : groups) {
            // A carried group is already in its state: no second group notification for it.
            VrrpState common = g.members().getFirst().state();
            if (g.members().stream().allMatch(m -> m.state() == common && carried.contains(drivers.indexOf(m)))) {
                groupStates.put(g, common);
            }
        }
        for (int i = 0; i < drivers.size(); i++) {
            if (carried.contains(i)) {
                resume(i, now);
                continue;
            }
            for (Event e : trackers.get(i).initialEvents()) {
                handle(i, e, now);
            }
            handle(i, new Event.Startup(), now);
        }
    }

    /**
     * A carried instance goes on: nothing happens unless its new trackers (or new priority) give
     * another effective priority or fault than it had, which then applies as any tracker change.
     */
    private void resume(int instance, long now) {
        EffectivePriority.Result wanted = trackers.get(instance).current();
        VrrpStateMachine.Snapshot s = drivers.get(instance).snapshot();
        if (wanted.priority() != s.effectivePriority()) {
            effects.perform(instance, new Action.Log("(" + parameters(instance).name() + ") Changing effective priority from "
                    + s.effectivePriority() + " to " + wanted.priority()), now);
            handle(instance, new Event.PriorityChanged(wanted.priority()), now);
            effects.perform(instance, new Action.EffectivePriorityChanged(s.effectivePriority(), wanted.priority()), now);
        }
        if (wanted.fault() != (s.state() == VrrpState.FAULT)) {
            handle(instance, new Event.FaultChanged(wanted.fault()), now);
        }
    }

    /** This instance's state and timers, for its successor after a reload ({@link #VrrpHost(HostSpec, Effects, VrrpStateMachine.Mutation, java.util.Map)}). */
    public InstanceDriver.Carried carry(int instance) {
        return drivers.get(instance).carry();
    }

    /** Graceful stop of every instance: priority-0 adverts from masters, VIPs removed. */
    public void shutdown(long now) {
        for (int i = 0; i < drivers.size(); i++) {
            apply(i, drivers.get(i).handle(new Event.Shutdown(), now), now, false);
        }
    }

    /** A validated advert for the instance. */
    public void advert(int instance, InetAddress source, int priority, int advertIntervalCentis, long now) {
        handle(instance, new Event.AdvertReceived(source, priority, advertIntervalCentis), now);
    }

    /** A tracker of the instance reports a status; its priority or FAULT may change. */
    public void track(int instance, TrackerStatus status, long now) {
        applyPriority(instance, trackers.get(instance).update(status), now);
    }

    /**
     * Runtime control: the instance's base priority becomes {@code priority} (1..254), or its
     * configured one again when empty; trackers still add to it.
     *
     * @throws IllegalArgumentException outside 1..254, or for an address owner
     */
    public void overridePriority(int instance, java.util.OptionalInt priority, long now) {
        applyPriority(instance, trackers.get(instance).overridePriority(priority), now);
    }

    /**
     * A reload changed the instance's configured priority (1..254 before and after): applied in
     * place, as a tracker's change is, with keepalived's "Changing effective priority" line. No
     * transition of its own: a MASTER advertises the new priority at its next advert, and an
     * election follows only by RFC 5798's rules (a BACKUP preempts at its Master_Down timer).
     *
     * @throws IllegalArgumentException outside 1..254, or for an address owner
     */
    public void reconfigurePriority(int instance, int priority, long now) {
        applyPriority(instance, trackers.get(instance).reconfigurePriority(priority), now);
    }

    /** The configured priority of the instance, as the last reload left it. */
    public int configuredPriority(int instance) {
        return trackers.get(instance).configuredPriority();
    }

    /** The operator's priority override of the instance, if any. */
    public java.util.OptionalInt priorityOverride(int instance) {
        return trackers.get(instance).priorityOverride();
    }

    /**
     * Runtime control: hold the instance in BACKUP ({@code true}, leaving MASTER as on a stop) or
     * release it. A sync group member takes its whole group with it: a group moves together, and a
     * member left free would retake MASTER and pull the held one (which refuses) into a split group.
     */
    public void maintenance(int instance, boolean on, long now) {
        SyncGroupCoordinator group = groupOf(drivers.get(instance));
        List<InstanceDriver> members = group == null ? List.of(drivers.get(instance)) : group.members();
        for (InstanceDriver m : members) {
            handle(drivers.indexOf(m), new Event.MaintenanceChanged(on), now);
        }
    }

    private void applyPriority(int instance, InstanceTrackers.Update u, long now) {
        u.logLines().forEach(l -> effects.perform(instance, new Action.Log(l), now));
        int before = drivers.get(instance).snapshot().effectivePriority();
        for (Event e : u.events()) {
            handle(instance, e, now);
        }
        int after = drivers.get(instance).snapshot().effectivePriority();
        if (after != before) {
            effects.perform(instance, new Action.EffectivePriorityChanged(before, after), now);
        }
    }

    /** The instance's interface (or an unweighted tracker outside the tracker set) failed or recovered. */
    public void fault(int instance, boolean faulty, long now) {
        handle(instance, new Event.FaultChanged(faulty), now);
    }

    /** The earliest timer of any instance. */
    public OptionalLong nextDeadline() {
        long next = Long.MAX_VALUE;
        for (InstanceDriver d : drivers) {
            next = Math.min(next, d.nextDeadlineMicros());
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /**
     * Fires every timer due at or before {@code now}, earliest first across instances; a timer
     * found very late fires at {@code now} ({@link InstanceDriver#fireNext}).
     */
    public void fireDue(long now) {
        while (true) {
            int due = -1;
            long at = Long.MAX_VALUE;
            for (int i = 0; i < drivers.size(); i++) {
                long d = drivers.get(i).nextDeadlineMicros();
                if (d <= now && d < at) {
                    due = i;
                    at = d;
                }
            }
            if (due < 0) {
                return;
            }
            InstanceDriver.Fired fired = drivers.get(due).fireNext(now).orElseThrow();
            apply(due, fired.actions(), fired.at(), true);
        }
    }

    private void handle(int instance, Event event, long now) {
        apply(instance, drivers.get(instance).handle(event, now), now, true);
    }

    /** Performs one instance's actions; a state change moves its sync group unless the group forced it. */
    private void apply(int instance, List<Action> actions, long now, boolean propagate) {
        for (Action a : actions) {
            if (a instanceof Action.ArmTimer || a instanceof Action.CancelTimer) {
                continue;
            }
            effects.perform(instance, a, now);
            if (a instanceof Action.StateChanged) {
                SyncGroupCoordinator group = groupOf(drivers.get(instance));
                if (group != null && propagate) {
                    for (SyncGroupCoordinator.MemberActions m : group.follow(drivers.get(instance), (Action.StateChanged) a, now)) {
                        apply(drivers.indexOf(m.member()), m.actions(), now, false);
                    }
                }
                if (group != null) {
                    reportGroup(instance, group, now);
                }
            }
        }
    }

    /** The group's own notification once all its members agree on a state it was not in. */
    private void reportGroup(int instance, SyncGroupCoordinator group, long now) {
        VrrpState common = group.members().getFirst().state();
        for (InstanceDriver m : group.members()) {
            if (m.state() != common) {
                return;
            }
        }
        if (common != VrrpState.INIT && groupStates.put(group, common) != common) {
            effects.perform(instance, new Action.GroupStateChanged(group.name(), common), now);
        }
    }

    private SyncGroupCoordinator groupOf(InstanceDriver driver) {
        for (SyncGroupCoordinator g : groups) {
            if (g.members().contains(driver)) {
                return g;
            }
        }
        return null;
    }
}
