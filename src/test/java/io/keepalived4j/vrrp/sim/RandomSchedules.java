package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.Timing;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One random schedule: a VRRP group of 2-4 nodes with consistent settings, a minute of virtual
 * time, several faults (host deaths and restarts, graceful stops, partitions, loss and
 * duplication), then a quiet period; invariants are checked at every step and after the quiet
 * period. Returns the violations (empty when all hold).
 */
final class RandomSchedules {

    static final long QUIET_FROM = 40_000_000;
    static final long END = 60_000_000;

    private RandomSchedules() {
    }

    /** Violations (empty when every invariant held) and the state transitions the schedule went through. */
    record Outcome(List<String> violations, java.util.Set<String> transitions, java.util.Set<String> checksRun) {
    }

    static Outcome run(long seed) {
        return run(seed, VrrpStateMachine.Mutation.NONE);
    }

    static Outcome run(long seed, VrrpStateMachine.Mutation mutation) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(3);
        int version = r.nextBoolean() ? 2 : 3;
        int interval = version == 2 ? 100 : new int[] {20, 50, 100}[r.nextInt(3)];
        boolean preempt = r.nextInt(4) != 0;
        List<InstanceParameters> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int prio = r.nextInt(8) == 0 ? 255 : 1 + r.nextInt(254);
            params.add(new InstanceParameters("VI_1", 51, version, prio, interval, preempt, 3, 5, 5_000_000L, false,
                    address(i)));
        }
        // At most one address owner per group, as keepalived configurations must have.
        long owners = params.stream().filter(InstanceParameters::isAddressOwner).count();
        if (owners > 1) {
            for (int i = 1; i < n; i++) {
                InstanceParameters p = params.get(i);
                params.set(i, new InstanceParameters(p.name(), p.vrid(), p.version(), 254 - i, p.advertIntervalCentis(),
                        p.preempt(), 3, 5, 5_000_000L, false, p.primaryAddress()));
            }
        }
        Segment seg = new Segment(params, r.split(), mutation);
        List<String> violations = new ArrayList<>();
        java.util.Set<String> checks = new java.util.TreeSet<>();
        List<String> timeline = new ArrayList<>();
        seg.setTimeline(timeline::add);
        seg.addObserver(s -> {
            for (int i = 0; i < s.size(); i++) {
                if (s.holdsVips(i) && s.state(i) != VrrpState.MASTER) {
                    violations.add(s.now() + ": node " + i + " holds the VIPs in state " + s.state(i));
                }
            }
        });
        List<MasterEntry> entries = new ArrayList<>();
        seg.setTransitionListener((at, host, instance, from, to) -> {
            if (to == VrrpState.MASTER) {
                entries.add(new MasterEntry(at, host, from, seg.lastAdvertReceived(host, 0)));
            }
        });
        seg.startAll();
        long t = 1_000_000 + r.nextLong(4_000_000);
        int faults = 2 + r.nextInt(4);
        // The timing invariants below only hold once the previous fault has been over for a
        // whole Master_Down_Interval: lost adverts leave backups' timers behind.
        long calmSince = 0;
        long settleAll = settleTime(params, version, interval);
        for (int f = 0; f < faults && t < QUIET_FROM - 2_000_000; f++) {
            seg.runUntil(t);
            int victim = r.nextInt(n);
            long duration = 500_000 + r.nextLong(6_000_000);
            switch (r.nextInt(6)) {
                case 0 -> {
                    boolean wasMaster = seg.state(victim) == VrrpState.MASTER && othersSettled(seg, victim)
                            && t - calmSince >= settleAll;
                    int entered = seg.mastersEntered();
                    seg.kill(victim);
                    long settle = settleTime(params, version, interval);
                    seg.runUntil(Math.min(t + Math.max(duration, settle), QUIET_FROM - 1));
                    // Skew_Time makes the highest backup take over alone: with distinct priorities
                    // exactly one node becomes master after the master's host dies.
                    if (wasMaster && distinctOthers(params, victim, version, interval) && seg.now() >= t + settle) {
                        int delta = seg.mastersEntered() - entered;
                        if (delta != 1) {
                            violations.add(t + ": master died; " + delta + " nodes became master instead of one");
                        }
                    }
                    if (wasMaster && seg.now() >= t + settle) {
                        checkTakeoverWindow(entries, t, params, version, interval, violations, checks);
                    }
                    seg.start(victim);
                    checkRestartKeepsOrPreempts(seg, victim, params, preempt, version, interval, violations, checks);
                }
                case 1 -> {
                    boolean wasMaster = seg.state(victim) == VrrpState.MASTER && othersSettled(seg, victim)
                            && t - calmSince >= settleAll;
                    int entered = seg.mastersEntered();
                    seg.stop(victim);
                    // After a priority-0 advert the best backup takes over within Skew_Time (+ delivery).
                    long skew = 0;
                    for (int i = 0; i < n; i++) {
                        skew = Math.max(skew, Timing.skewTimeMicros(version, params.get(i).priority(), interval));
                    }
                    seg.runUntil(Math.min(t + skew + 2_000, QUIET_FROM - 1));
                    if (wasMaster && n > 1 && seg.now() >= t + skew + 2_000 && seg.mastersEntered() == entered) {
                        violations.add(t + ": master stopped gracefully; no backup took over within Skew_Time");
                    }
                    seg.runUntil(Math.min(t + duration, QUIET_FROM - 1));
                    seg.start(victim);
                    checkRestartKeepsOrPreempts(seg, victim, params, preempt, version, interval, violations, checks);
                }
                case 2 -> {
                    int other = (victim + 1 + r.nextInt(n - 1)) % n;
                    seg.setPartitioned(victim, other, true);
                    seg.runUntil(Math.min(t + duration, QUIET_FROM - 1));
                    seg.setPartitioned(victim, other, false);
                    // Once the partition heals there is one master again within 2 x Master_Down_Interval.
                    long heal = seg.now() + 2 * (settleAll - Timing.centisToMicros(interval) - 2_000);
                    if (heal < QUIET_FROM - 1 && allAlive(seg)) {
                        seg.runUntil(heal);
                        checks.add("partition heal");
                        int masters = masters(seg);
                        if (masters != 1) {
                            violations.add(seg.now() + ": " + masters + " masters 2 x Master_Down_Interval after a partition healed");
                        }
                    }
                }
                case 3 -> {
                    seg.setLoss(0.2 + r.nextDouble() * 0.6);
                    seg.runUntil(Math.min(t + duration, QUIET_FROM - 1));
                    seg.setLoss(0);
                }
                case 5 -> {
                    // An unweighted tracker fails: FAULT (priority 0 if it was master), then recovers.
                    seg.fault(victim, true);
                    seg.runUntil(Math.min(t + duration, QUIET_FROM - 1));
                    seg.fault(victim, false);
                }
                default -> {
                    seg.setDuplication(0.5);
                    seg.runUntil(Math.min(t + duration, QUIET_FROM - 1));
                    seg.setDuplication(0);
                }
            }
            calmSince = seg.now();
            t = seg.now() + 200_000 + r.nextLong(5_000_000);
        }
        // Quiet: no loss, no partition, all hosts up, stable priorities since QUIET_FROM at the latest.
        seg.runUntil(QUIET_FROM);
        long settle = 0;
        for (InstanceParameters p : params) {
            settle = Math.max(settle, Timing.masterDownIntervalMicros(version, p.priority(), interval, 3)
                    + Timing.centisToMicros(interval));
        }
        seg.runUntil(QUIET_FROM + settle + 1_000);
        int quietEntries = entries.size();
        for (long check = seg.now(); check <= END; check += 1_000_000) {
            seg.runUntil(check);
            checkQuiet(seg, preempt, violations);
        }
        if (entries.size() != quietEntries) {
            violations.add(END + ": mastership changed while quiet: " + entries.subList(quietEntries, entries.size()));
        }
        if (!violations.isEmpty()) {
            violations.add("timeline:\n  " + String.join("\n  ", timeline));
        }
        java.util.Set<String> transitions = new java.util.TreeSet<>();
        for (String line : timeline) {
            int arrow = line.indexOf(" -> ");
            if (arrow > 0) {
                transitions.add(line.substring(line.lastIndexOf(' ', arrow - 1) + 1));
            }
        }
        return new Outcome(violations, transitions, checks);
    }

    /** A node entered MASTER at {@code at}, having last heard an advert at {@code lastAdvert}. */
    record MasterEntry(long at, int host, VrrpState from, long lastAdvert) {
    }

    /**
     * After a master's host dies, the first backup to take over does so between down_timer_adverts
     * x interval and its Master_Down_Interval after the last advert it received (RFC 5798 6.4.2).
     */
    private static void checkTakeoverWindow(List<MasterEntry> entries, long died, List<InstanceParameters> params,
                                            int version, int interval, List<String> violations,
                                            java.util.Set<String> checks) {
        MasterEntry first = entries.stream().filter(e -> e.at() >= died).findFirst().orElse(null);
        if (first == null || first.from() != VrrpState.BACKUP || first.lastAdvert() < 0) {
            return;
        }
        checks.add("takeover window");
        long waited = first.at() - first.lastAdvert();
        long min = 3 * Timing.centisToMicros(interval);
        long max = Timing.masterDownIntervalMicros(version, params.get(first.host()).priority(), interval, 3);
        if (waited < min || waited > max) {
            violations.add(first.at() + ": node " + first.host() + " took over " + waited + " us after the last advert"
                    + " it heard; expected between " + min + " and " + max);
        }
    }

    /**
     * A node that restarts into a settled group with a master: once its Master_Down_Interval has
     * passed, nopreempt keeps the current master (unless the newcomer is the address owner) and
     * preempt hands mastership to the highest priority.
     */
    private static void checkRestartKeepsOrPreempts(Segment seg, int restarted, List<InstanceParameters> params,
                                                    boolean preempt, int version, int interval, List<String> violations,
                                                    java.util.Set<String> checks) {
        int master = singleMaster(seg, restarted);
        if (master < 0 || !allAlive(seg) || seg.now() + settleTime(params, version, interval) >= QUIET_FROM - 1) {
            return;
        }
        boolean owner = params.get(restarted).isAddressOwner();
        checks.add(preempt ? "restart with preempt" : "restart with nopreempt");
        seg.runUntil(seg.now() + settleTime(params, version, interval));
        int now = singleMaster(seg, -1);
        int best = 0;
        for (int i = 0; i < seg.size(); i++) {
            best = params.get(i).priority() > params.get(best).priority() ? i : best;
        }
        if (!preempt && !owner && now != master) {
            violations.add(seg.now() + ": nopreempt, yet node " + restarted + " restarting moved mastership from "
                    + master + " to " + now);
        }
        if (preempt && now != best && params.get(now < 0 ? best : now).priority() != params.get(best).priority()) {
            violations.add(seg.now() + ": preempt, yet master is " + now + " after node " + restarted + " restarted");
        }
    }

    /** The one MASTER other than {@code except}, or -1 when there is not exactly one. */
    private static int singleMaster(Segment seg, int except) {
        int found = -1;
        for (int i = 0; i < seg.size(); i++) {
            if (i != except && seg.state(i) == VrrpState.MASTER) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private static int masters(Segment seg) {
        int n = 0;
        for (int i = 0; i < seg.size(); i++) {
            n += seg.state(i) == VrrpState.MASTER ? 1 : 0;
        }
        return n;
    }

    private static boolean allAlive(Segment seg) {
        for (int i = 0; i < seg.size(); i++) {
            if (!seg.alive(i)) {
                return false;
            }
        }
        return true;
    }

    /** Every other node is up and in BACKUP (no election going on). */
    private static boolean othersSettled(Segment seg, int victim) {
        for (int i = 0; i < seg.size(); i++) {
            if (i != victim && (!seg.alive(i) || seg.state(i) != VrrpState.BACKUP)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether Skew_Time separates the remaining nodes by more than the segment's delivery delay
     * and jitter (at most 0.5 ms each way): only then must exactly one of them take over. Closer
     * priorities may legitimately both time out before hearing each other, in keepalived too.
     */
    private static boolean distinctOthers(List<InstanceParameters> params, int victim, int version, int interval) {
        List<Long> skews = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (i != victim) {
                skews.add(Timing.skewTimeMicros(version, params.get(i).priority(), interval));
            }
        }
        java.util.Collections.sort(skews);
        return skews.size() < 2 || skews.get(1) - skews.get(0) > 1_000;
    }

    private static long settleTime(List<InstanceParameters> params, int version, int interval) {
        long settle = 0;
        for (InstanceParameters p : params) {
            settle = Math.max(settle, Timing.masterDownIntervalMicros(version, p.priority(), interval, 3)
                    + Timing.centisToMicros(interval));
        }
        return settle + 2_000;
    }

    private static void checkQuiet(Segment seg, boolean preempt, List<String> violations) {
        int masters = 0;
        int master = -1;
        int best = 0;
        for (int i = 0; i < seg.size(); i++) {
            best = Math.max(best, seg.parameters(i).priority());
            if (seg.state(i) == VrrpState.MASTER) {
                masters++;
                master = i;
            }
        }
        if (masters != 1) {
            violations.add(seg.now() + ": " + masters + " masters once quiet");
            return;
        }
        if (preempt && seg.parameters(master).priority() != best) {
            violations.add(seg.now() + ": master has priority " + seg.parameters(master).priority()
                    + " but " + best + " is up (preempt on)");
        }
    }

    private static InetAddress address(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) 231, 0, (byte) (11 + i)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
