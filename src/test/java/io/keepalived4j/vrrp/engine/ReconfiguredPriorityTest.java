package io.keepalived4j.vrrp.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A reload's new configured priority, applied in place in virtual time (A 150, B 100, VRRPv3,
 * 1 s adverts): a MASTER keeps its state and advert timer and advertises the new priority at its
 * next advert; a BACKUP raised above the master preempts only by RFC 5798's rules; an operator's
 * override outlives it; an owner's 255 cannot change in place.
 */
class ReconfiguredPriorityTest {

    @Test
    void aMasterAdvertisesItsNewPriorityOnItsOwnScheduleWithoutATransition() {
        RuntimeControlTest.Segment s = new RuntimeControlTest.Segment(List.of());
        s.start();
        s.runUntil(10_000_000);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.MASTER);
        int transitions = s.timeline.size();
        int advertsBefore = s.adverts.size();
        long nextAdvert = s.a.nextDeadline().orElseThrow();

        s.a.reconfigurePriority(0, 200, s.now);

        assertThat(s.adverts).as("no extra advert at the reload").hasSize(advertsBefore);
        assertThat(s.a.nextDeadline()).hasValue(nextAdvert);
        assertThat(s.logs).contains("A (VI_1) Changing effective priority from 150 to 200");
        s.runUntil(nextAdvert);
        assertThat(s.adverts.get(advertsBefore)).isEqualTo(nextAdvert + " A 200");
        s.runUntil(20_000_000);
        assertThat(s.timeline).hasSize(transitions);
        assertThat(s.a.configuredPriority(0)).isEqualTo(200);
        assertThat(s.a.snapshot(0).effectivePriority()).isEqualTo(200);
    }

    @Test
    void aBackupRaisedAboveTheMasterPreemptsAtItsMasterDownTimer() {
        RuntimeControlTest.Segment s = new RuntimeControlTest.Segment(List.of());
        s.start();
        s.runUntil(10_000_000);
        assertThat(s.b.state(0)).isEqualTo(VrrpState.BACKUP);

        s.b.reconfigurePriority(0, 180, s.now);
        long at = s.now;
        assertThat(s.b.state(0)).as("no transition at the reload itself").isEqualTo(VrrpState.BACKUP);
        s.runUntil(30_000_000);

        assertThat(s.b.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(s.a.state(0)).isEqualTo(VrrpState.BACKUP);
        assertThat(s.timeline.stream().filter(l -> l.endsWith("B MASTER")).findFirst().orElseThrow())
                .satisfies(l -> assertThat(Long.parseLong(l.split(" ")[0])).isGreaterThan(at));
    }

    @Test
    void anOperatorsOverrideOutlivesAReloadAndDefaultThenMeansTheNewConfiguredPriority() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100, List.of());
        t.overridePriority(OptionalInt.of(50));
        InstanceTrackers.Update u = t.reconfigurePriority(120);
        assertThat(u.events()).isEmpty();
        assertThat(t.current().priority()).isEqualTo(50);
        assertThat(t.configuredPriority()).isEqualTo(120);

        t.overridePriority(OptionalInt.empty());
        assertThat(t.current().priority()).isEqualTo(120);
    }

    @Test
    void trackersStillAddToTheNewPriority() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100,
                List.of(new TrackerStatus.UpDown("chk", false, -20, false)));
        assertThat(t.current().priority()).isEqualTo(80);
        InstanceTrackers.Update u = t.reconfigurePriority(130);
        assertThat(u.events()).containsExactly(new Event.PriorityChanged(110));
        assertThat(u.logLines()).containsExactly("(VI_1) Changing effective priority from 80 to 110");
    }

    @Test
    void anOwnersPriorityDoesNotChangeInPlace() {
        assertThatThrownBy(() -> new InstanceTrackers("VI_1", 255, List.of()).reconfigurePriority(100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InstanceTrackers("VI_1", 100, List.of()).reconfigurePriority(255))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
