package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** garp_master_refresh, garp_lower_prio_* and the strict owner, pinned on a virtual clock. */
class GratuitousArpTimingTest {

    private static InstanceParameters owner() throws Exception {
        return InstanceParameters.of("VI_1", 51, 2, 255, 100, InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void masterRefreshesGratuitousArpsEveryRefreshInterval() throws Exception {
        InstanceDriver d = new InstanceDriver(owner().withGarp(new InstanceParameters.GarpTiming(30_000_000L, 2, 0, 0)));
        d.handle(new Event.Startup(), 0);
        assertThat(d.deadline(TimerKind.GARP_REFRESH)).contains(30_000_000L);
        d.fireDue(29_999_999);
        List<Action> at30 = d.fireDue(30_000_000);
        assertThat(at30).contains(new Action.GratuitousArpBurst(2));
        assertThat(d.deadline(TimerKind.GARP_REFRESH)).contains(60_000_000L);
    }

    @Test
    void refreshStopsWhenTheMasterStepsDown() throws Exception {
        InstanceParameters p = InstanceParameters.of("VI_1", 51, 2, 100, 100, InetAddress.getByName("10.0.0.1"))
                .withGarp(new InstanceParameters.GarpTiming(10_000_000L, 1, 0, 0));
        InstanceDriver d = new InstanceDriver(p);
        d.handle(new Event.Startup(), 0);
        d.fireDue(3_609_375);
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
        d.handle(new Event.AdvertReceived(InetAddress.getByName("10.0.0.2"), 200, 100), 4_000_000);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(d.deadline(TimerKind.GARP_REFRESH)).isEmpty();
        assertThat(d.deadline(TimerKind.GARP_REPEAT)).isEmpty();
    }

    @Test
    void masterHearingLowerPriorityRefreshesArpNowAndAfterTheLowerPrioDelay() throws Exception {
        InstanceDriver d = new InstanceDriver(owner().withGarp(InstanceParameters.GarpTiming.DEFAULTS));
        d.handle(new Event.Startup(), 0);
        d.fireDue(6_000_000);
        List<Action> heard = d.handle(new Event.AdvertReceived(InetAddress.getByName("10.0.0.2"), 100, 100), 7_000_000);
        assertThat(heard).contains(new Action.SendAdvert(255), new Action.GratuitousArpBurst(5));
        assertThat(d.deadline(TimerKind.GARP_LOWER_PRIO)).contains(12_000_000L);
        assertThat(d.fireDue(12_000_000)).contains(new Action.GratuitousArpBurst(5));
    }

    @Test
    void noLowerPriorityBurstWhenItsRepeatIsZero() throws Exception {
        InstanceDriver d = new InstanceDriver(owner());
        d.handle(new Event.Startup(), 0);
        List<Action> heard = d.handle(new Event.AdvertReceived(InetAddress.getByName("10.0.0.2"), 100, 100), 1_000_000);
        assertThat(heard).noneMatch(a -> a instanceof Action.GratuitousArpBurst);
        assertThat(d.deadline(TimerKind.GARP_LOWER_PRIO)).isEmpty();
    }

    @Test
    void strictAddressOwnerIgnoresAdverts() throws Exception {
        InstanceDriver d = new InstanceDriver(owner().withStrict(true));
        d.handle(new Event.Startup(), 0);
        assertThat(d.handle(new Event.AdvertReceived(InetAddress.getByName("10.0.0.2"), 100, 100), 1_000_000)).isEmpty();
        // Without strict mode the owner answers a lower priority at once.
        InstanceDriver plain = new InstanceDriver(owner());
        plain.handle(new Event.Startup(), 0);
        assertThat(plain.handle(new Event.AdvertReceived(InetAddress.getByName("10.0.0.2"), 100, 100), 1_000_000))
                .contains(new Action.SendAdvert(255));
    }
}
