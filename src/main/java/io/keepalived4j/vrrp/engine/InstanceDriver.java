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
    private static final TimerKind[] KINDS = TimerKind.values();
    private final Map<TimerKind, Long> timers = new EnumMap<>(TimerKind.class);
    /** The earliest of {@link #timers}, Long.MAX_VALUE for none: kept on every change of them. */
    private long earliest = Long.MAX_VALUE;

    public InstanceDriver(InstanceParameters parameters) {
        this(parameters, VrrpStateMachine.Mutation.NONE);
    }

    /** With a deliberately broken rule: for the simulator's mutation tests only. */
    public InstanceDriver(InstanceParameters parameters, VrrpStateMachine.Mutation mutation) {
        this.machine = new VrrpStateMachine(parameters, mutation);
        this.snapshot = VrrpStateMachine.Snapshot.initial(parameters);
    }

    /**
     * What a reload carries from a running instance into its re-built successor: the state
     * machine's snapshot and every armed timer's deadline, so that the successor goes on exactly
     * where this one is (a MASTER's next advert at the same instant, a BACKUP's Master_Down timer
     * with the time it has left), with no transition and no action of its own.
     */
    public record Carried(VrrpStateMachine.Snapshot snapshot, Map<TimerKind, Long> timers) {
        public Carried {
            timers = Map.copyOf(timers);
        }
    }

    /**
     * The successor of a running instance (a reload): {@code carried}'s state and timers under
     * the new {@code parameters}; it must not be given {@link Event.Startup}.
     */
    public InstanceDriver(InstanceParameters parameters, VrrpStateMachine.Mutation mutation, Carried carried) {
        this.machine = new VrrpStateMachine(parameters, mutation);
        this.snapshot = carried.snapshot();
        this.timers.putAll(carried.timers());
        timersChanged();
    }

    /** This instance's state and timers now, for its successor after a reload. */
    public Carried carry() {
        return new Carried(snapshot, timers);
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
        timersChanged();
        return t.actions();
    }

    /** The earliest armed timer's deadline. */
    public Optional<Long> nextDeadline() {
        Long next = null;
        for (TimerKind kind : KINDS) {
            Long at = timers.get(kind);
            if (at != null && (next == null || at < next)) {
                next = at;
            }
        }
        return Optional.ofNullable(next);
    }

    /**
     * {@link #nextDeadline()} as a field read: {@link Long#MAX_VALUE} when no timer is armed. The
     * VRRP loop asks every instance on every turn and for every timer it fires (1,000 of each a
     * second with 100 instances at advert_int 0.1): the stream this replaced allocated about
     * 40 MB/s, and a scan of the timers per call was most of a MASTER's loop CPU (issue 12).
     */
    public long nextDeadlineMicros() {
        return earliest;
    }

    private void timersChanged() {
        long next = Long.MAX_VALUE;
        for (TimerKind kind : KINDS) {
            Long at = timers.get(kind);
            if (at != null && at < next) {
                next = at;
            }
        }
        earliest = next;
    }

    /** Fires every timer due at or before {@code now}, earliest first. */
    public List<Action> fireDue(long now) {
        List<Action> out = new ArrayList<>();
        for (Optional<Fired> f = fireNext(now); f.isPresent(); f = fireNext(now)) {
            out.addAll(f.get().actions());
        }
        return out;
    }

    /** One fired timer: when it counts as having fired, and what it did. */
    public record Fired(long at, List<Action> actions) {
    }

    /**
     * Fires the earliest timer due at or before {@code now}. A timer fires at its deadline, so a
     * wake-up a little late keeps the advert cadence exact; but one more than half an advert
     * interval late (the loop was held up, the machine was suspended) fires at {@code now}, so the
     * timers it re-arms count from the real time and a late MASTER sends one advert, not a burst of
     * the ones it missed.
     */
    public Optional<Fired> fireNext(long now) {
        // The earliest due timer; on a tie the first in TimerKind order (as the stream's min did).
        TimerKind kind = null;
        long deadline = Long.MAX_VALUE;
        for (TimerKind k : KINDS) {
            Long at = timers.get(k);
            if (at != null && at <= now && (kind == null || at < deadline)) {
                kind = k;
                deadline = at;
            }
        }
        if (kind == null) {
            return Optional.empty();
        }
        long at = now - deadline > parameters().advertIntervalMicros() / 2 ? now : deadline;
        timers.remove(kind);
        timersChanged(); // handle() does it again after the transition; this keeps it right if that throws
        return Optional.of(new Fired(at, handle(new Event.TimerExpired(kind), at)));
    }

    /** When a timer is due, or empty when it is not armed. */
    public Optional<Long> deadline(TimerKind kind) {
        return Optional.ofNullable(timers.get(kind));
    }
}
