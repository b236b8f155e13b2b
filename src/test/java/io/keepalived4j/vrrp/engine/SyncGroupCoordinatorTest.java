package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyncGroupCoordinatorTest {

    private final InstanceDriver vi1;
    private final InstanceDriver vi2;
    private final SyncGroupCoordinator group;

    SyncGroupCoordinatorTest() throws Exception {
        vi1 = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 100, 100, InetAddress.getByName("10.0.0.1")));
        vi2 = new InstanceDriver(InstanceParameters.of("VI_2", 52, 2, 90, 100, InetAddress.getByName("10.0.0.1")));
        group = new SyncGroupCoordinator("G1", List.of(vi1, vi2));
    }

    /** Applies an event to one member and lets the group follow its transitions. */
    private void on(InstanceDriver d, List<Action> actions, long now) {
        for (Action a : actions) {
            if (a instanceof Action.StateChanged sc) {
                group.follow(d, sc, now);
            }
        }
    }

    @Test
    void membersBecomeMasterTogether() {
        on(vi1, vi1.handle(new Event.Startup(), 0), 0);
        on(vi2, vi2.handle(new Event.Startup(), 0), 0);
        // VI_1 (priority 100) times out first; VI_2 follows at once instead of 3.65 s later.
        on(vi1, vi1.fireDue(3_609_375), 3_609_375);
        assertThat(vi1.state()).isEqualTo(VrrpState.MASTER);
        assertThat(vi2.state()).isEqualTo(VrrpState.MASTER);
        assertThat(vi2.deadline(TimerKind.MASTER_DOWN)).isEmpty();
    }

    @Test
    void aFaultInOneMemberPutsTheGroupInFaultAndRecoveryBringsItBack() {
        on(vi1, vi1.handle(new Event.Startup(), 0), 0);
        on(vi2, vi2.handle(new Event.Startup(), 0), 0);
        on(vi1, vi1.fireDue(3_609_375), 3_609_375);
        List<Action> fault = vi2.handle(new Event.FaultChanged(true), 4_000_000);
        assertThat(fault).contains(new Action.SendAdvert(0));
        on(vi2, fault, 4_000_000);
        assertThat(vi1.state()).isEqualTo(VrrpState.FAULT);
        on(vi2, vi2.handle(new Event.FaultChanged(false), 5_000_000), 5_000_000);
        assertThat(vi1.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi2.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void aMemberSteppingDownTakesTheOthersWithIt() throws Exception {
        on(vi1, vi1.handle(new Event.Startup(), 0), 0);
        on(vi2, vi2.handle(new Event.Startup(), 0), 0);
        on(vi1, vi1.fireDue(3_609_375), 3_609_375);
        on(vi1, vi1.handle(new Event.AdvertReceived(InetAddress.getByName("10.0.0.2"), 200, 100), 4_000_000), 4_000_000);
        assertThat(vi1.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(vi2.state()).isEqualTo(VrrpState.BACKUP);
    }
}
