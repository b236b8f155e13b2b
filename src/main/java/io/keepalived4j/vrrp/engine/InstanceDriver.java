package io.keepalived4j.vrrp.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Owns one instance's snapshot and timers and feeds events to the pure state machine in order.
 * No threads and no clock: the caller says what time it is, so the same code runs on real sockets
 * and in a simulated network in virtual time.
 *
 * <pre>{@code
 * InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 3, 100, 100, myIp));
 * List<Action> actions = d.handle(new Event.Startup(), now);
 * d.nextDeadline().ifPresent(at -> ...);   // call d.fireDue(at) then
 * }</pre>
 */
public final class InstanceDriver {

    private final VrrpStateMachine machine;
    private VrrpStateMachine.Snapshot snapshot;
    private final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);

    public InstanceDriver(InstanceParameters parameters) {
        this(parameters, VrrpStateMachine.Mutation.NONE);
    }

    /** With a deliberately broken rule: for the simulator's mutation tests only. */
    public InstanceDriver(InstanceParameters parameters, VrrpStateMachine.Mutation mutation) {
        this.machine = new VrrpStateMachine(parameters, mutation);
        this.snapshot = VrrpStateMachine.Snapshot.initial(parameters);
    }

    public VrrpState state() {
        return snapshot.state();
    }

    public VrrpStateMachine.Snapshot snapshot() {
        return snapshot;
    }

    public InstanceParameters parameters() {
        return machine.parameters();
    }

    /** Applies one event; timer actions are applied here and also returned for the record. */
    public List<Action> handle(Event event, long now) {
        VrrpStateMachine.Transition t = machine.on(snapshot, event, now);
        snapshot = t.next();
        for (Action a : t.actions()) {
            switch (a) {
                case Action.ArmTimer arm -> timers.put(arm.kind(), arm.atMicros());
                case Action.CancelTimer c -> timers.remove(c.kind());
                default -> {
                }
            }
        }
        return t.actions();
    }

    /** The earliest armed timer's deadline. */
    public Optional<Long> nextDeadline() {
        return timers.values().stream().min(Long::compare);
    }

    /** Fires every timer due at or before {@code now}, earliest first. */
    public List<Action> fireDue(long now) {
        List<Action> out = new ArrayList<>();
        while (true) {
            Optional<Map.Entry<TimerKind, Long>> due = timers.entrySet().stream()
                    .filter(e -> e.getValue() <= now).min(Map.Entry.comparingByValue());
            if (due.isEmpty()) {
                return out;
            }
            TimerKind kind = due.get().getKey();
            long at = due.get().getValue();
            timers.remove(kind);
            out.addAll(handle(new Event.TimerExpired(kind), at));
        }
    }

    /** When a timer is due, or empty when it is not armed. */
    public Optional<Long> deadline(TimerKind kind) {
        return Optional.ofNullable(timers.get(kind));
    }
}
