package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.Timing;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.TrackerStatus;
import io.keepalived4j.vrrp.engine.VrrpState;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Random schedules for hosts with two instances (VRIDs 51 and 52) in one vrrp_sync_group, both
 * tracking one weighted script, over multicast or unicast (each host peering with all others).
 * Faults: host deaths, graceful stops, the script failing (priority drops), an unweighted tracker
 * of one member failing (the whole group to FAULT), partitions. Invariants: VIPs only on MASTER;
 * once quiet, one master per VRID, both VRIDs on the same host, that host the best by effective
 * priority (preempt on), and every host's members in the same state.
 */
final class GroupSchedules {

    private static final long QUIET_FROM = 40_000_000;
    private static final long END = 60_000_000;
    private static final int WEIGHT = -60;

    private GroupSchedules() {
    }

    record Outcome(List<String> violations, Set<String> faults, boolean unicast) {
    }

    static Outcome run(long seed) {
        return run(seed, true);
    }

    /** {@code withGroup false}: the hosts' instances are not in a sync group (the mutation test's broken rule). */
    static Outcome run(long seed, boolean withGroup) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(2);
        int version = r.nextBoolean() ? 2 : 3;
        int interval = version == 2 ? 100 : new int[] {20, 50, 100}[r.nextInt(3)];
        boolean unicast = r.nextBoolean();
        List<HostSpec> hosts = new ArrayList<>();
        List<Integer> base = new ArrayList<>();
        for (int h = 0; h < n; h++) {
            // Distinct priorities, well apart, so that the script's weight can reorder them.
            int prio = 100 + 40 * h + r.nextInt(20);
            base.add(prio);
            Set<Integer> peers = new TreeSet<>();
            for (int o = 0; unicast && o < n; o++) {
                if (o != h) {
                    peers.add(o);
                }
            }
            List<HostSpec.InstanceSpec> instances = new ArrayList<>();
            for (int vrid : new int[] {51, 52}) {
                InstanceParameters p = new InstanceParameters("VI_" + vrid, vrid, version, prio, interval, true, 3, 5,
                        5_000_000L, false, address(h));
                instances.add(new HostSpec.InstanceSpec(p, peers, List.of(script(true),
                        new TrackerStatus.UpDown("eth1", true, 0, false))));
            }
            hosts.add(new HostSpec(instances, withGroup ? "G1" : null));
        }
        Segment seg = Segment.ofHosts(hosts, r.split());
        List<String> violations = new ArrayList<>();
        List<String> timeline = new ArrayList<>();
        Set<String> faults = new TreeSet<>();
        seg.setTimeline(timeline::add);
        seg.addObserver(s -> {
            for (int h = 0; h < s.size(); h++) {
                for (int i = 0; i < 2; i++) {
                    if (s.holdsVips(h, i) && s.state(h, i) != VrrpState.MASTER) {
                        violations.add(s.now() + ": host " + h + " instance " + i + " holds VIPs in " + s.state(h, i));
                    }
                }
            }
        });
        seg.startAll();
        long t = 1_000_000 + r.nextLong(3_000_000);
        for (int f = 0; f < 2 + r.nextInt(4) && t < QUIET_FROM - 2_000_000; f++) {
            seg.runUntil(t);
            int victim = r.nextInt(n);
            long until = Math.min(t + 500_000 + r.nextLong(6_000_000), QUIET_FROM - 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    faults.add("host death");
                    seg.kill(victim);
                    seg.runUntil(until);
                    seg.start(victim);
                }
                case 1 -> {
                    faults.add("graceful stop");
                    seg.stop(victim);
                    seg.runUntil(until);
                    seg.start(victim);
                }
                case 2 -> {
                    faults.add("weighted script down");
                    for (int i = 0; i < 2; i++) {
                        seg.track(victim, i, script(false));
                    }
                    seg.runUntil(until);
                    for (int i = 0; i < 2; i++) {
                        seg.track(victim, i, script(true));
                    }
                }
                case 3 -> {
                    // One member's interface fails: that member to FAULT, and the group with it.
                    faults.add("member fault");
                    int member = r.nextInt(2);
                    seg.track(victim, member, new TrackerStatus.UpDown("eth1", false, 0, false));
                    seg.runUntil(Math.min(seg.now() + 1_000, until));
                    if (seg.alive(victim) && (seg.state(victim, 0) != VrrpState.FAULT || seg.state(victim, 1) != VrrpState.FAULT)) {
                        violations.add(seg.now() + ": host " + victim + " member fault did not put its group in FAULT: "
                                + seg.state(victim, 0) + "/" + seg.state(victim, 1));
                    }
                    seg.runUntil(until);
                    seg.track(victim, member, new TrackerStatus.UpDown("eth1", true, 0, false));
                }
                default -> {
                    faults.add("partition");
                    int other = (victim + 1 + r.nextInt(n - 1)) % n;
                    seg.setPartitioned(victim, other, true);
                    seg.runUntil(until);
                    seg.setPartitioned(victim, other, false);
                }
            }
            t = seg.now() + 200_000 + r.nextLong(4_000_000);
        }
        long settle = Timing.masterDownIntervalMicros(version, 1, interval, 3) + Timing.centisToMicros(interval) + 2_000;
        seg.runUntil(QUIET_FROM + settle);
        for (long check = seg.now(); check <= END; check += 1_000_000) {
            seg.runUntil(check);
            checkQuiet(seg, base, violations);
        }
        if (!violations.isEmpty()) {
            violations.add("timeline:\n  " + String.join("\n  ", timeline));
        }
        return new Outcome(violations, faults, unicast);
    }

    private static void checkQuiet(Segment seg, List<Integer> base, List<String> violations) {
        int best = 0;
        for (int h = 0; h < seg.size(); h++) {
            best = base.get(h) > base.get(best) ? h : best;
            if (seg.state(h, 0) != seg.state(h, 1)) {
                violations.add(seg.now() + ": host " + h + " sync group split: " + seg.state(h, 0) + "/" + seg.state(h, 1));
            }
        }
        for (int i = 0; i < 2; i++) {
            List<Integer> masters = new ArrayList<>();
            for (int h = 0; h < seg.size(); h++) {
                if (seg.state(h, i) == VrrpState.MASTER) {
                    masters.add(h);
                }
            }
            if (masters.size() != 1) {
                violations.add(seg.now() + ": VRID " + (51 + i) + " has masters " + masters + " once quiet");
            } else if (masters.getFirst() != best) {
                violations.add(seg.now() + ": VRID " + (51 + i) + " master is host " + masters.getFirst()
                        + " but host " + best + " has the highest priority (preempt on)");
            }
        }
    }

    private static TrackerStatus script(boolean up) {
        return new TrackerStatus.UpDown("chk_service", up, WEIGHT, false);
    }

    private static InetAddress address(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) 232, 0, (byte) (11 + i)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
