package io.keepalived4j.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A reload's successor host in virtual time (A priority 150, B 100, VRRPv3, 1 s adverts): an
 * instance carried from A's running host into a new one goes on with its state and timers, with no
 * transition, no extra advert and no VIP action; a new tracker status or priority applies to it as
 * a tracker change would; an instance not carried starts as new.
 */
class CarriedInstanceTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static final InstanceParameters A = InstanceParameters.of("VI_1", 51, 3, 150, 100, ip("10.0.0.1"));
    private static final InstanceParameters B = InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.2"));

    /** Two hosts on one lossless segment; host A can be replaced by a successor mid-run. */
    private static final class Segment {
        final List<String> actions = new ArrayList<>();
        final ArrayDeque<Runnable> pending = new ArrayDeque<>();
        VrrpHost a;
        final VrrpHost b;
        long now;

        Segment() {
            a = host("A", List.of(A), List.of(), Map.of());
            b = host("B", List.of(B), List.of(), Map.of());
        }

        VrrpHost host(String name, List<InstanceParameters> ps, List<TrackerStatus> trackers,
                      Map<Integer, InstanceDriver.Carried> carried) {
            HostSpec spec = new HostSpec(ps.stream().map(p -> new HostSpec.InstanceSpec(p, Set.of(), trackers)).toList(), (String) null);
            VrrpHost[] self = new VrrpHost[1];
            self[0] = new VrrpHost(spec, (i, action, at) -> {
                String who = name + (i == 0 ? "" : i + 1);
                switch (action) {
                    case Action.SendAdvert s -> {
                        actions.add(at + " " + who + " advert " + s.priority());
                        if (i == 0) {
                            InstanceParameters p = ps.get(i);
                            pending.add(() -> other(self[0]).advert(0, p.primaryAddress(), s.priority(), p.advertIntervalCentis(), at));
                        }
                    }
                    case Action.StateChanged sc -> actions.add(at + " " + who + " " + sc.to());
                    case Action.AddVips v -> actions.add(at + " " + who + " add-vips");
                    case Action.RemoveVips v -> actions.add(at + " " + who + " remove-vips");
                    case Action.GratuitousArpBurst g -> actions.add(at + " " + who + " garp");
                    case Action.Log l -> actions.add(at + " " + who + " log " + l.line());
                    default -> {
                    }
                }
            }, VrrpStateMachine.Mutation.NONE, carried);
            return self[0];
        }

        VrrpHost other(VrrpHost h) {
            return h == b ? a : b;
        }

        void flush() {
            for (Runnable r = pending.poll(); r != null; r = pending.poll()) {
                r.run();
            }
        }

        void runUntil(long end) {
            flush();
            while (true) {
                long next = Math.min(a.nextDeadline().orElse(Long.MAX_VALUE), b.nextDeadline().orElse(Long.MAX_VALUE));
                if (next > end) {
                    now = end;
                    return;
                }
                now = next;
                a.fireDue(now);
                b.fireDue(now);
                flush();
            }
        }

        List<String> since(int from) {
            return actions.subList(from, actions.size());
        }
    }

    @Test
    void aCarriedMasterSendsItsNextAdvertAtTheSameInstantAndNothingElse() {
        Segment s = new Segment();
        s.a.start(0);
        s.b.start(0);
        s.runUntil(10_300_000);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        long nextAdvert = s.a.nextDeadline().orElseThrow();
        int mark = s.actions.size();

        s.a = s.host("A", List.of(A), List.of(), Map.of(0, s.a.carry(0)));
        s.a.start(s.now);

        assertThat(s.since(mark)).as("nothing at the hand-over").isEmpty();
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.a.nextDeadline()).hasValue(nextAdvert);
        s.runUntil(20_300_000);
        assertThat(s.since(mark)).first().isEqualTo(nextAdvert + " A advert 150");
        assertThat(s.since(mark)).as("adverts only, one a second").allMatch(l -> l.contains(" advert "))
                .hasSize(10);
        assertThat(s.b.state(0)).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aCarriedBackupKeepsItsMasterDownTimerAndTakesOverWhenItRunsOut() {
        // A alone, carried while BACKUP, before its first Master_Down timer ran out.
        Segment t = new Segment();
        t.a.start(0);
        InstanceDriver.Carried backup = t.a.carry(0);
        assertThat(backup.snapshot().state()).isEqualTo(VrrpState.BACKUP);
        long masterDown = backup.timers().get(TimerKind.MASTER_DOWN);
        int mark = t.actions.size();
        t.a = t.host("A", List.of(A), List.of(), Map.of(0, backup));
        t.a.start(1_000_000);
        assertThat(t.since(mark)).isEmpty();
        assertThat(t.a.nextDeadline()).hasValue(masterDown);
        // Nobody else speaks: the successor becomes MASTER when the carried timer runs out, not later.
        t.runUntil(masterDown);
        assertThat(t.since(mark)).contains(masterDown + " A MASTER");
    }

    @Test
    void aNewPriorityOrTrackerStatusAppliesToTheCarriedInstanceAsATrackerChange() {
        Segment s = new Segment();
        s.a.start(0);
        s.b.start(0);
        s.runUntil(10_300_000);
        int mark = s.actions.size();
        // The reloaded file tracks a script that is down, weight -80: 150 - 80 = 70, below B's 100.
        s.a = s.host("A", List.of(A), List.of(new TrackerStatus.UpDown("chk", false, -80, false)), Map.of(0, s.a.carry(0)));
        s.a.start(s.now);
        assertThat(s.since(mark)).containsExactly(s.now + " A log (VI_1) Changing effective priority from 150 to 70");
        s.runUntil(20_000_000);
        assertThat(s.b.state(0)).as("B preempts a master advertising 70").isEqualTo(VrrpState.MASTER);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void anInstanceNotCarriedStartsAsNew() {
        Segment s = new Segment();
        s.a.start(0);
        s.runUntil(5_000_000);
        InstanceParameters second = InstanceParameters.of("VI_2", 52, 3, 150, 100, ip("10.0.0.1"));
        int mark = s.actions.size();
        s.a = s.host("A", List.of(A, second), List.of(), Map.of(0, s.a.carry(0)));
        s.a.start(s.now);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.a.state(1)).isEqualTo(VrrpState.BACKUP);
        assertThat(s.since(mark)).noneMatch(l -> l.contains(" A ") && (l.endsWith("MASTER") || l.contains("vips")));
        assertThat(s.since(mark)).anyMatch(l -> l.contains(" A2 BACKUP"));
    }

    @Test
    void aSuccessorBuiltBeforeTheHandOverTakesTheTrackersLastResultsAndTheOperatorsOverride() {
        Segment s = new Segment();
        // The running host tracks a script that is up (weight -80 when down).
        s.a = s.host("A", List.of(A), List.of(new TrackerStatus.UpDown("chk", true, -80, false)), Map.of());
        s.a.start(0);
        s.b.start(0);
        s.runUntil(10_300_000);
        s.a.overridePriority(0, java.util.OptionalInt.of(200), s.now);
        assertThat(s.a.snapshot(0).effectivePriority()).isEqualTo(200);
        // The successor is built while the predecessor runs: its script has not run yet (initially down).
        VrrpHost successor = s.host("A", List.of(A), List.of(new TrackerStatus.UpDown("chk", false, -80, false)), Map.of());
        int mark = s.actions.size();

        successor.resumeFrom(Map.of(0, s.a.carryInstance(0)));
        s.a = successor;
        s.a.start(s.now);

        assertThat(s.since(mark)).as("the carried result and override: no change at the hand-over").isEmpty();
        assertThat(s.a.snapshot(0).effectivePriority()).isEqualTo(200);
        assertThat(s.a.priorityOverride(0)).hasValue(200);
        assertThat(s.a.trackerStatuses(0)).containsExactly(new TrackerStatus.UpDown("chk", true, -80, false));
        s.runUntil(20_300_000);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.b.state(0)).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aHostThatStartedCannotBeGivenCarriedInstances() {
        Segment s = new Segment();
        s.a.start(0);
        var carried = Map.of(0, s.a.carryInstance(0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.a.resumeFrom(carried))
                .isInstanceOf(IllegalStateException.class);
    }
}
