package io.keepalived4j.vrrp.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 5798 section 6.4 state machine for one instance, as a pure function:
 * {@code on(snapshot, event, now)} returns the next snapshot and the actions to perform. Where
 * keepalived deviates from the RFC, keepalived is followed (vrrp-wire.md section 6) and the code
 * says so.
 *
 * <pre>{@code
 * VrrpStateMachine fsm = new VrrpStateMachine(InstanceParameters.of("VI_1", 51, 2, 100, 100, myIp));
 * Transition t = fsm.on(Snapshot.initial(fsm.parameters()), new Event.Startup(), 0);
 * }</pre>
 */
public final class VrrpStateMachine {

    /**
     * The instance's protocol state between events.
     *
     * @param state              current state
     * @param effectivePriority  priority after trackers
     * @param masterAdverCentis  Master_Adver_Interval: the master's interval (v3 backups adopt it)
     * @param preemptAt          with preempt_delay: when a lower-priority master stops being accepted
     *                           (0 while no lower-priority master has been seen)
     * @param lowerPrioQuietUntil MASTER: lower-priority adverts before this time get no reply, log line or
     *                           GARP burst (at most one answer per advert interval; 0: none answered yet)
     * @param maintenance        an operator holds the instance out of MASTER ({@link Event.MaintenanceChanged});
     *                           only that event changes it
     */
    public record Snapshot(VrrpState state, int effectivePriority, int masterAdverCentis, long preemptAt,
                           long lowerPrioQuietUntil, boolean maintenance) {
        public Snapshot(VrrpState state, int effectivePriority, int masterAdverCentis, long preemptAt,
                        long lowerPrioQuietUntil) {
            this(state, effectivePriority, masterAdverCentis, preemptAt, lowerPrioQuietUntil, false);
        }

        public Snapshot(VrrpState state, int effectivePriority, int masterAdverCentis) {
            this(state, effectivePriority, masterAdverCentis, 0, 0);
        }

        public Snapshot(VrrpState state, int effectivePriority, int masterAdverCentis, long preemptAt) {
            this(state, effectivePriority, masterAdverCentis, preemptAt, 0);
        }

        public static Snapshot initial(InstanceParameters p) {
            return new Snapshot(VrrpState.INIT, p.priority(), p.advertIntervalCentis());
        }

        Snapshot withMaintenance(boolean on) {
            return on == maintenance ? this
                    : new Snapshot(state, effectivePriority, masterAdverCentis, preemptAt, lowerPrioQuietUntil, on);
        }
    }

    /** The result of one event. */
    public record Transition(Snapshot next, List<Action> actions) {
    }

    /**
     * Deliberately broken rules, for the simulator's mutation tests only: they prove the invariant
     * checks catch a wrong state machine. Never used outside tests.
     */
    public enum Mutation {
        NONE,
        /** Master_Down_Interval without Skew_Time. */
        NO_SKEW,
        /** A backup treats a priority-0 advert as any other. */
        IGNORE_PRIORITY_ZERO,
        /** A backup preempts lower priorities only when preempt is off. */
        PREEMPT_INVERTED
    }

    /** The fastest a master answers lower-priority adverts: once a second (or once an interval if longer). */
    static final long LOWER_PRIORITY_ANSWER_EVERY_MICROS = 1_000_000L;

    private final InstanceParameters p;
    private final String tag;
    private final Mutation mutation;

    public VrrpStateMachine(InstanceParameters parameters) {
        this(parameters, Mutation.NONE);
    }

    public VrrpStateMachine(InstanceParameters parameters, Mutation mutation) {
        this.p = parameters;
        this.tag = "(" + parameters.name() + ") ";
        this.mutation = mutation;
    }

    public InstanceParameters parameters() {
        return p;
    }

    public Transition on(Snapshot s, Event event, long now) {
        List<Action> out = new ArrayList<>();
        Snapshot next = switch (event) {
            case Event.Startup e -> s.state() == VrrpState.INIT ? startup(s, now, out) : s;
            case Event.Shutdown e -> shutdown(s, out);
            case Event.AdvertReceived a -> advert(s, a, now, out);
            case Event.TimerExpired t -> timer(s, t.kind(), now, out);
            case Event.PriorityChanged pc -> new Snapshot(s.state(),
                    p.isAddressOwner() ? s.effectivePriority() : pc.effectivePriority(), s.masterAdverCentis(),
                    s.preemptAt(), s.lowerPrioQuietUntil());
            case Event.FaultChanged f -> fault(s, f.faulty(), now, out);
            case Event.GroupForced g -> forced(s, g.target(), now, out);
            case Event.MaintenanceChanged m -> maintenance(s, m.on(), now, out);
        };
        if (!(event instanceof Event.MaintenanceChanged)) {
            // The rules below build snapshots without the flag: carry it over in this one place.
            next = next.withMaintenance(s.maintenance());
        }
        return new Transition(next, List.copyOf(out));
    }

    private Snapshot startup(Snapshot s, long now, List<Action> out) {
        // RFC 5798 6.4.1: the address owner (priority 255) becomes master at once (not in maintenance).
        if (s.effectivePriority() == InstanceParameters.OWNER_PRIORITY && !s.maintenance()) {
            return becomeMaster(s, now, out, null);
        }
        return becomeBackup(s, s.masterAdverCentis(), now, out);
    }

    private Snapshot advert(Snapshot s, Event.AdvertReceived a, long now, List<Action> out) {
        return switch (s.state()) {
            case BACKUP -> backupHears(s, a, now, out);
            case MASTER -> masterHears(s, a, now, out);
            default -> s;   // INIT, FAULT, STOP: keepalived ignores adverts (vrrp-wire.md section 5).
        };
    }

    /** RFC 5798 6.4.2. */
    private Snapshot backupHears(Snapshot s, Event.AdvertReceived a, long now, List<Action> out) {
        if (a.priority() == 0 && mutation != Mutation.IGNORE_PRIORITY_ZERO) {
            // The master is leaving: take over after Skew_Time only.
            out.add(Action.Log.detail(tag + "Backup received priority 0 advertisement"));
            out.add(new Action.ArmTimer(TimerKind.MASTER_DOWN,
                    now + Timing.skewTimeMicros(p.version(), s.effectivePriority(), s.masterAdverCentis())));
            return s;
        }
        boolean preempt = mutation == Mutation.PREEMPT_INVERTED ? !p.preempt() : p.preempt();
        if (preempt && a.priority() < s.effectivePriority() && p.preemptDelayMicros() > 0) {
            // keepalived's preempt_delay: a lower-priority master is still followed for this long
            // after it is first seen; only then do we let the master-down timer run out.
            long at = s.preemptAt() == 0 ? now + p.preemptDelayMicros() : s.preemptAt();
            if (now < at) {
                out.add(new Action.ArmTimer(TimerKind.MASTER_DOWN, now + masterDown(s.effectivePriority(), s.masterAdverCentis())));
                return new Snapshot(s.state(), s.effectivePriority(), s.masterAdverCentis(), at);
            }
            return s;
        }
        if (!preempt || a.priority() >= s.effectivePriority()) {
            // RFC 5798: a v3 backup adopts the master's interval.
            int adver = p.version() == 3 ? a.advertIntervalCentis() : s.masterAdverCentis();
            out.add(new Action.ArmTimer(TimerKind.MASTER_DOWN, now + masterDown(s.effectivePriority(), adver)));
            return new Snapshot(s.state(), s.effectivePriority(), adver);
        }
        // Lower priority with preempt: discard, and let the master-down timer run out.
        return s;
    }

    /** RFC 5798 6.4.3, with keepalived's immediate answer to lower priorities (vrrp.c vrrp_state_master_rx()). */
    private Snapshot masterHears(Snapshot s, Event.AdvertReceived a, long now, List<Action> out) {
        int mine = s.effectivePriority();
        if ((p.strict() || p.ownerIgnoreAdverts()) && p.isAddressOwner()) {
            // vrrp_strict / owner_ignore_adverts: the address owner ignores every advert (features.md section 10).
            return s;
        }
        if (a.priority() == 0) {
            sendAdvert(mine, now, out);
            return s;
        }
        int order = compare(a.source(), p.primaryAddress());
        boolean theyWin = a.priority() > mine || (a.priority() == mine && order > 0);
        if (theyWin) {
            if (p.higherPrioSendAdvert()) {
                // higher_prio_send_advert: one more advert of ours, so the new master hears us leave.
                out.add(new Action.SendAdvert(mine));
            }
            cancelMasterTimers(out);
            out.add(new Action.Log(tag + (a.priority() > mine
                    ? "Master received advert from " + a.source().getHostAddress() + " with higher priority "
                    + a.priority() + ", ours " + mine
                    : "Master received advert from " + a.source().getHostAddress() + " with same priority "
                    + a.priority() + " but higher IP address than ours")));
            out.add(new Action.RemoveVips());
            int adver = p.version() == 3 ? a.advertIntervalCentis() : s.masterAdverCentis();
            return becomeBackup(new Snapshot(s.state(), mine, adver), adver, now, out);
        }
        if (now < s.lowerPrioQuietUntil()) {
            // keepalived answers every lower-priority advert at once; a flood of them (spoofed, or a
            // looping peer) would make us answer, log and burst GARPs at its rate. One answer per
            // advert interval, and at most one a second, is enough to end a real election: our
            // regular adverts go out every interval anyway.
            return s;
        }
        out.add(new Action.Log(tag + "Received advert from " + a.source().getHostAddress() + " with lower priority "
                + a.priority() + ", ours " + mine + (p.lowerPrioNoAdvert() ? "" : ", forcing new election")));
        if (!p.lowerPrioNoAdvert()) {
            sendAdvert(mine, now, out);
        }
        // ... and refreshes the network's ARP caches, which may point at the other side.
        if (p.garp().lowerPrioRepeat() > 0) {
            out.add(new Action.GratuitousArpBurst(p.garp().lowerPrioRepeat()));
            if (p.garp().lowerPrioDelayMicros() > 0) {
                out.add(new Action.ArmTimer(TimerKind.GARP_LOWER_PRIO, now + p.garp().lowerPrioDelayMicros()));
            }
        }
        out.add(new Action.LowerPriorityHeard(a.source(), a.priority()));
        return new Snapshot(s.state(), mine, s.masterAdverCentis(), s.preemptAt(),
                now + Math.max(p.advertIntervalMicros(), LOWER_PRIORITY_ANSWER_EVERY_MICROS));
    }

    private Snapshot timer(Snapshot s, TimerKind kind, long now, List<Action> out) {
        return switch (kind) {
            case MASTER_DOWN -> {
                if (s.state() != VrrpState.BACKUP || s.maintenance()) {
                    // In maintenance the timer an advert re-armed runs out with no takeover.
                    yield s;
                }
                yield becomeMaster(s, now, out, "Receive advertisement timeout");
            }
            case ADVERT -> {
                if (s.state() == VrrpState.MASTER) {
                    sendAdvert(s.effectivePriority(), now, out);
                }
                yield s;
            }
            case GARP_REPEAT -> {
                if (s.state() == VrrpState.MASTER) {
                    out.add(new Action.GratuitousArpBurst(p.garpMasterRepeat()));
                }
                yield s;
            }
            case GARP_LOWER_PRIO -> {
                if (s.state() == VrrpState.MASTER) {
                    out.add(new Action.GratuitousArpBurst(p.garp().lowerPrioRepeat()));
                }
                yield s;
            }
            case GARP_REFRESH -> {
                if (s.state() == VrrpState.MASTER) {
                    out.add(new Action.GratuitousArpBurst(p.garp().refreshRepeat()));
                    out.add(new Action.ArmTimer(TimerKind.GARP_REFRESH, now + p.garp().refreshMicros()));
                }
                yield s;
            }
        };
    }

    private Snapshot shutdown(Snapshot s, List<Action> out) {
        cancelAll(out);
        if (s.state() == VrrpState.MASTER) {
            // Priority 0 tells the backups to take over after Skew_Time (RFC 5798 6.4.3).
            out.add(new Action.SendAdvert(0));
            out.add(new Action.RemoveVips());
        }
        return changeState(s, VrrpState.STOP, out);
    }

    private Snapshot fault(Snapshot s, boolean faulty, long now, List<Action> out) {
        if (faulty && s.state() != VrrpState.FAULT && s.state() != VrrpState.STOP) {
            cancelAll(out);
            if (s.state() == VrrpState.MASTER) {
                // keepalived sends priority 0 when leaving MASTER for FAULT (RFC 5798 has no FAULT).
                out.add(new Action.SendAdvert(0));
                out.add(new Action.RemoveVips());
            }
            return changeState(s, VrrpState.FAULT, out);
        }
        if (!faulty && s.state() == VrrpState.FAULT) {
            return becomeBackup(s, p.advertIntervalCentis(), now, out);
        }
        return s;
    }

    /** A sync group member changed state: follow it (features.md section 7). */
    private Snapshot forced(Snapshot s, VrrpState target, long now, List<Action> out) {
        return switch (target) {
            // An instance in maintenance does not follow its group to MASTER: the operator's hold wins.
            case MASTER -> s.state() == VrrpState.BACKUP && !s.maintenance() ? becomeMaster(s, now, out, null) : s;
            case BACKUP -> {
                if (s.state() == VrrpState.MASTER) {
                    cancelMasterTimers(out);
                    out.add(new Action.RemoveVips());
                    yield becomeBackup(s, s.masterAdverCentis(), now, out);
                }
                yield s.state() == VrrpState.FAULT ? becomeBackup(s, p.advertIntervalCentis(), now, out) : s;
            }
            case FAULT -> fault(s, true, now, out);
            default -> s;
        };
    }

    /**
     * Runtime control's maintenance (keepalived has none; users ask for it, keepalived issues #398,
     * #2002). On: a MASTER leaves as on a graceful stop (priority-0 advert, so the backups take over
     * after Skew_Time, RFC 5798 6.4.3) but stays BACKUP; a BACKUP stops its Master_Down timer. Off:
     * a BACKUP arms Master_Down_Interval, so it takes over when no master is heard, or preempts a
     * lower-priority one as any backup does (6.4.2). FAULT, INIT and STOP only keep the flag.
     */
    private Snapshot maintenance(Snapshot s, boolean on, long now, List<Action> out) {
        if (on == s.maintenance()) {
            return s;
        }
        out.add(new Action.Log(tag + (on ? "Entering maintenance: held in BACKUP until released"
                : "Leaving maintenance")));
        if (on && s.state() == VrrpState.MASTER) {
            cancelMasterTimers(out);
            out.add(new Action.SendAdvert(0));
            out.add(new Action.RemoveVips());
            Snapshot b = changeState(s, VrrpState.BACKUP, out).withMaintenance(true);
            out.add(new Action.CancelTimer(TimerKind.MASTER_DOWN));
            return b;
        }
        if (on && s.state() == VrrpState.BACKUP) {
            out.add(new Action.CancelTimer(TimerKind.MASTER_DOWN));
        }
        if (!on && s.state() == VrrpState.BACKUP) {
            out.add(new Action.ArmTimer(TimerKind.MASTER_DOWN,
                    now + masterDown(s.effectivePriority(), s.masterAdverCentis())));
        }
        return s.withMaintenance(on);
    }

    /**
     * The first advert goes before anything else of the transition: the takeover is on the wire
     * before its lines are logged (each cost the first takeover a few hundred microseconds), and
     * the state change is announced (notifications, sync group) after the VIPs and gratuitous ARPs.
     * The lines keep their order: {@code why} (a detail line, or null), then "Entering MASTER
     * STATE", then the VIPs' lines.
     */
    private Snapshot becomeMaster(Snapshot s, long now, List<Action> out, String why) {
        sendAdvert(s.effectivePriority(), now, out);
        if (why != null) {
            out.add(Action.Log.detail(tag + why));
        }
        out.add(new Action.CancelTimer(TimerKind.MASTER_DOWN));
        boolean entering = s.state() != VrrpState.MASTER;
        if (entering) {
            out.add(enteringLine(VrrpState.MASTER));
        }
        out.add(new Action.AddVips());
        out.add(new Action.GratuitousArpBurst(p.garpMasterRepeat()));
        if (p.garpMasterDelayMicros() > 0) {
            out.add(new Action.ArmTimer(TimerKind.GARP_REPEAT, now + p.garpMasterDelayMicros()));
        }
        if (p.garp().refreshMicros() > 0) {
            out.add(new Action.ArmTimer(TimerKind.GARP_REFRESH, now + p.garp().refreshMicros()));
        }
        if (entering) {
            // The notifications (and a sync group's followers) after the VIPs and gratuitous ARPs,
            // as keepalived sends its notifies once the VIPs are set.
            out.add(new Action.StateChanged(s.state(), VrrpState.MASTER));
        }
        return new Snapshot(VrrpState.MASTER, s.effectivePriority(), p.advertIntervalCentis());
    }

    private Snapshot becomeBackup(Snapshot s, int adver, long now, List<Action> out) {
        Snapshot b = changeState(new Snapshot(s.state(), s.effectivePriority(), adver), VrrpState.BACKUP, out);
        out.add(new Action.ArmTimer(TimerKind.MASTER_DOWN, now + masterDown(s.effectivePriority(), adver)));
        return b;
    }

    private long masterDown(int priority, int adverCentis) {
        long full = Timing.masterDownIntervalMicros(p.version(), priority, adverCentis, p.downTimerAdverts());
        return mutation == Mutation.NO_SKEW ? full - Timing.skewTimeMicros(p.version(), priority, adverCentis) : full;
    }

    private void sendAdvert(int priority, long now, List<Action> out) {
        out.add(new Action.SendAdvert(priority));
        out.add(new Action.ArmTimer(TimerKind.ADVERT, now + Timing.centisToMicros(p.advertIntervalCentis())));
    }

    /** Everything only a master runs. */
    private static void cancelMasterTimers(List<Action> out) {
        for (TimerKind k : TimerKind.values()) {
            if (k != TimerKind.MASTER_DOWN) {
                out.add(new Action.CancelTimer(k));
            }
        }
    }

    private static void cancelAll(List<Action> out) {
        for (TimerKind k : TimerKind.values()) {
            out.add(new Action.CancelTimer(k));
        }
    }

    private Snapshot changeState(Snapshot s, VrrpState to, List<Action> out) {
        if (s.state() != to) {
            out.add(new Action.StateChanged(s.state(), to));
            out.add(enteringLine(to));
        }
        return new Snapshot(to, s.effectivePriority(), s.masterAdverCentis());
    }

    private Action.Log enteringLine(VrrpState to) {
        return new Action.Log(tag + "Entering " + to.logName() + " STATE");
    }

    /** Unsigned comparison of two addresses of one family (RFC 5798 6.4.3: the higher address wins). */
    static int compare(InetAddress a, InetAddress b) {
        return Arrays.compareUnsigned(a.getAddress(), b.getAddress());
    }
}
