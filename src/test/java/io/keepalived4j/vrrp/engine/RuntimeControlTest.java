package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runtime control in virtual time, on two hosts of one lossless segment (A priority 150, B 100,
 * VRRPv3, 1 s adverts): maintenance hands mastership over with a priority-0 advert and holds the
 * instance in BACKUP until released; a priority override changes what is advertised, and trackers
 * still add to it.
 */
class RuntimeControlTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Two VrrpHosts whose adverts reach each other at the same virtual time. */
    static final class Segment {
        final List<String> timeline = new ArrayList<>();
        final List<String> logs = new ArrayList<>();
        final List<String> adverts = new ArrayList<>();
        final java.util.ArrayDeque<Runnable> pending = new java.util.ArrayDeque<>();
        final VrrpHost a;
        final VrrpHost b;
        long now;

        Segment(List<TrackerStatus> aTrackers) {
            a = host("A", List.of(InstanceParameters.of("VI_1", 51, 3, 150, 100, ip("10.0.0.1"))), aTrackers, null);
            b = host("B", List.of(InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.2"))), List.of(), null);
        }

        /** Both hosts with two instances (VI_1, VI_2) in sync group G. */
        Segment(String group) {
            a = host("A", List.of(InstanceParameters.of("VI_1", 51, 3, 150, 100, ip("10.0.0.1")),
                    InstanceParameters.of("VI_2", 52, 3, 150, 100, ip("10.0.0.1"))), List.of(), group);
            b = host("B", List.of(InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.2")),
                    InstanceParameters.of("VI_2", 52, 3, 100, 100, ip("10.0.0.2"))), List.of(), group);
        }

        private VrrpHost host(String name, List<InstanceParameters> instances, List<TrackerStatus> trackers, String group) {
            HostSpec spec = new HostSpec(instances.stream()
                    .map(p -> new HostSpec.InstanceSpec(p, java.util.Set.of(), trackers)).toList(), group);
            VrrpHost[] self = new VrrpHost[1];
            self[0] = new VrrpHost(spec, (i, action, at) -> {
                InstanceParameters p = instances.get(i);
                String who = name + (i == 0 ? "" : i + 1);
                switch (action) {
                    case Action.StateChanged sc -> timeline.add(at + " " + who + " " + sc.to());
                    case Action.Log l -> logs.add(name + " " + l.line());
                    case Action.SendAdvert s -> {
                        adverts.add(at + " " + who + " " + s.priority());
                        // Delivered after the sender's turn, never re-entrantly into a host mid-event.
                        pending.add(() -> (self[0] == a ? b : a).advert(i, p.primaryAddress(), s.priority(),
                                p.advertIntervalCentis(), at));
                    }
                    default -> {
                    }
                }
            });
            return self[0];
        }

        void start() {
            a.start(now);
            b.start(now);
            flush();
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

        long lastAdvertPriority(String name) {
            for (int i = adverts.size() - 1; i >= 0; i--) {
                String[] f = adverts.get(i).split(" ");
                if (f[1].equals(name)) {   // instance VI_1: the host's name alone
                    return Long.parseLong(f[2]);
                }
            }
            return -1;
        }
    }

    @Test
    void maintenanceHandsOverAfterSkewTimeAndHoldsBackupUntilReleasedThenPreemptsBack() {
        Segment s = new Segment(List.of());
        s.start();
        s.runUntil(10_000_000);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);

        s.a.maintenance(0, true, s.now);
        long on = s.now;
        assertThat(s.a.state(0)).isEqualTo(VrrpState.BACKUP);
        assertThat(s.adverts).contains(on + " A 0");
        assertThat(s.logs).contains("A (VI_1) Entering maintenance: held in BACKUP until released");
        s.runUntil(60_000_000);
        // B takes over after its Skew_Time, as on a graceful stop; A, the higher priority, never preempts.
        assertThat(s.timeline).contains((on + Timing.skewTimeMicros(3, 100, 100)) + " B MASTER");
        assertThat(s.a.state(0)).isEqualTo(VrrpState.BACKUP);
        assertThat(s.a.snapshot(0).maintenance()).isTrue();
        assertThat(s.timeline.stream().filter(l -> l.endsWith("A MASTER")).count()).isEqualTo(1);

        s.a.maintenance(0, false, s.now);
        long off = s.now;
        s.runUntil(70_000_000);
        // Released: B's adverts are lower, so A's Master_Down timer runs out and A preempts (RFC 5798 6.4.2).
        assertThat(s.timeline).contains((off + Timing.masterDownIntervalMicros(3, 150, 100, 3)) + " A MASTER");
        assertThat(s.b.state(0)).isEqualTo(VrrpState.BACKUP);
        assertThat(s.a.snapshot(0).maintenance()).isFalse();
    }

    @Test
    void maintenanceOfABackupStopsItFromTakingOverWhenTheMasterLeaves() {
        Segment s = new Segment(List.of());
        s.start();
        s.runUntil(10_000_000);
        s.b.maintenance(0, true, s.now);
        assertThat(s.b.state(0)).isEqualTo(VrrpState.BACKUP);
        s.a.shutdown(s.now);
        s.runUntil(30_000_000);
        assertThat(s.b.state(0)).as("held in BACKUP with no master on the segment").isEqualTo(VrrpState.BACKUP);
        s.b.maintenance(0, false, s.now);
        long off = s.now;
        s.runUntil(40_000_000);
        assertThat(s.timeline).contains((off + Timing.masterDownIntervalMicros(3, 100, 100, 3)) + " B MASTER");
    }

    @Test
    void maintenanceSurvivesFaultAndStartupAndAGroupPullingToMaster() {
        InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.1")));
        d.handle(new Event.MaintenanceChanged(true), 0);
        d.handle(new Event.Startup(), 0);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        d.handle(new Event.GroupForced(VrrpState.MASTER), 1);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        d.handle(new Event.FaultChanged(true), 2);
        d.handle(new Event.FaultChanged(false), 3);
        assertThat(d.snapshot().maintenance()).as("the flag outlives FAULT").isTrue();
        d.fireDue(100_000_000);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void maintenanceOfASyncGroupMemberHoldsTheWholeGroupSoThePeersGroupTakesBoth() {
        Segment s = new Segment("G");
        s.start();
        s.runUntil(10_000_000);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.a.state(1)).isEqualTo(VrrpState.MASTER);

        s.a.maintenance(0, true, s.now);
        s.runUntil(40_000_000);
        // Were VI_2 left free it would preempt B's lower priority and pull the group (and the held
        // VI_1, which refuses) back: a flapping split group. Held together, B's group has both.
        assertThat(List.of(s.a.state(0), s.a.state(1))).containsOnly(VrrpState.BACKUP);
        assertThat(List.of(s.b.state(0), s.b.state(1))).containsOnly(VrrpState.MASTER);
        assertThat(s.a.snapshot(1).maintenance()).isTrue();
        assertThat(s.timeline.stream().filter(l -> l.contains(" B") && l.endsWith("MASTER")).count())
                .as("B's instances became MASTER once each: no flapping").isEqualTo(2);

        s.a.maintenance(1, false, s.now);
        s.runUntil(50_000_000);
        assertThat(List.of(s.a.state(0), s.a.state(1))).containsOnly(VrrpState.MASTER);
        assertThat(List.of(s.b.state(0), s.b.state(1))).containsOnly(VrrpState.BACKUP);
    }

    @Test
    void priorityOverrideIsAdvertisedAndMovesMastershipAndDefaultRestoresIt() {
        Segment s = new Segment(List.of());
        s.start();
        s.runUntil(10_000_000);
        s.a.overridePriority(0, OptionalInt.of(120), s.now);
        s.runUntil(12_000_000);
        assertThat(s.lastAdvertPriority("A")).isEqualTo(120);
        assertThat(s.logs).contains("A (VI_1) Changing effective priority from 150 to 120");
        assertThat(s.a.priorityOverride(0)).hasValue(120);

        // Below B's 100: B preempts on A's next advert and wins.
        s.a.overridePriority(0, OptionalInt.of(50), s.now);
        s.runUntil(20_000_000);
        assertThat(s.b.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.BACKUP);

        s.a.overridePriority(0, OptionalInt.empty(), s.now);
        s.runUntil(30_000_000);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.lastAdvertPriority("A")).isEqualTo(150);
        assertThat(s.a.priorityOverride(0)).isEmpty();
    }

    @Test
    void trackersStillAddToAnOverriddenPriority() {
        TrackerStatus.UpDown chk = new TrackerStatus.UpDown("chk", true, -20, false);
        Segment s = new Segment(List.of(chk));
        s.start();
        s.a.overridePriority(0, OptionalInt.of(200), s.now);
        assertThat(s.a.snapshot(0).effectivePriority()).isEqualTo(200);
        s.a.track(0, new TrackerStatus.UpDown("chk", false, -20, false), s.now);
        assertThat(s.a.snapshot(0).effectivePriority()).isEqualTo(180);
        s.a.overridePriority(0, OptionalInt.empty(), s.now);
        assertThat(s.a.snapshot(0).effectivePriority()).isEqualTo(130);
    }

    @Test
    void overrideRefusesOutOfRangeAndAnAddressOwner() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100, List.of());
        assertThatThrownBy(() -> t.overridePriority(OptionalInt.of(255))).hasMessageContaining("1..254");
        assertThatThrownBy(() -> t.overridePriority(OptionalInt.of(0))).hasMessageContaining("1..254");
        InstanceTrackers owner = new InstanceTrackers("VI_1", 255, List.of());
        assertThatThrownBy(() -> owner.overridePriority(OptionalInt.of(100))).hasMessageContaining("255");
    }
}
