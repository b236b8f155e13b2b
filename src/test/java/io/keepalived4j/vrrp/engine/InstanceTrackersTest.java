package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracker changes at run time become priority and FAULT events only when the outcome changes. */
class InstanceTrackersTest {

    private static TrackerStatus.UpDown script(boolean up) {
        return new TrackerStatus.UpDown("chk_nginx", up, -20, false);
    }

    @Test
    void weightedScriptFailureLowersThePriorityWithKeepalivedsLogLine() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100, List.of(script(true)));
        assertThat(t.initialEvents()).isEmpty();
        InstanceTrackers.Update down = t.update(script(false));
        assertThat(down.events()).containsExactly(new Event.PriorityChanged(80));
        assertThat(down.logLines()).containsExactly("(VI_1) Changing effective priority from 100 to 80");
        assertThat(t.update(script(false))).isEqualTo(InstanceTrackers.Update.NONE);
        assertThat(t.update(script(true)).events()).containsExactly(new Event.PriorityChanged(100));
    }

    @Test
    void unweightedTrackerDownMeansFaultAndItsRecoveryLeavesFault() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100,
                List.of(new TrackerStatus.UpDown("eth1", true, 0, false)));
        assertThat(t.update(new TrackerStatus.UpDown("eth1", false, 0, false)).events())
                .containsExactly(new Event.FaultChanged(true));
        assertThat(t.current().faultBy()).contains("eth1");
        assertThat(t.update(new TrackerStatus.UpDown("eth1", true, 0, false)).events())
                .containsExactly(new Event.FaultChanged(false));
    }

    @Test
    void initialStatusesAreAppliedBeforeStartup() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100, List.of(script(false),
                new TrackerStatus.UpDown("eth1", false, 0, false)));
        // While in FAULT the priority means nothing: only the fault is reported.
        assertThat(t.initialEvents()).containsExactly(new Event.FaultChanged(true));
        InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 100, 100,
                java.net.InetAddress.getLoopbackAddress()));
        t.initialEvents().forEach(e -> d.handle(e, 0));
        d.handle(new Event.Startup(), 0);
        assertThat(d.state()).as("an instance whose tracker is down at start stays in FAULT").isEqualTo(VrrpState.FAULT);
        InstanceTrackers.Update recovered = t.update(new TrackerStatus.UpDown("eth1", true, 0, false));
        assertThat(recovered.events()).containsExactly(new Event.PriorityChanged(80), new Event.FaultChanged(false));
        recovered.events().forEach(e -> d.handle(e, 1_000_000));
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(d.snapshot().effectivePriority()).isEqualTo(80);
    }

    @Test
    void sameNameOfDifferentKindsAreDistinctTrackers() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 100, List.of(
                new TrackerStatus.UpDown("x", true, 10, false), new TrackerStatus.FileValue("x", 0, 5, false)));
        assertThat(t.current().priority()).isEqualTo(110);
        assertThat(t.update(new TrackerStatus.FileValue("x", 2, 5, false)).events())
                .containsExactly(new Event.PriorityChanged(120));
    }

    @Test
    void addressOwnerIsNeverAdjusted() {
        InstanceTrackers t = new InstanceTrackers("VI_1", 255, List.of(script(true)));
        assertThat(t.update(script(false))).isEqualTo(InstanceTrackers.Update.NONE);
    }
}
