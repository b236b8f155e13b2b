package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each RFC 5798 / keepalived timing rule, pinned to the microsecond on a virtual clock. */
class StateMachineTimingTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InstanceDriver driver(int version, int priority, int intervalCentis) {
        return new InstanceDriver(InstanceParameters.of("VI_1", 51, version, priority, intervalCentis, ip("10.0.0.1")));
    }

    @Test
    void skewAndMasterDownIntervalFollowTheRfcs() {
        // RFC 3768 (v2): Skew_Time = (256 - 100) / 256 s = 609375 us, whatever the interval.
        assertThat(Timing.skewTimeMicros(2, 100, 100)).isEqualTo(609_375);
        assertThat(Timing.masterDownIntervalMicros(2, 100, 100, 3)).isEqualTo(3_609_375);
        assertThat(Timing.skewTimeMicros(2, 100, 300)).isEqualTo(609_375);
        // RFC 5798 (v3): Skew_Time = ((256 - 200) * 100 cs) / 256 = 218750 us.
        assertThat(Timing.skewTimeMicros(3, 200, 100)).isEqualTo(218_750);
        assertThat(Timing.masterDownIntervalMicros(3, 200, 100, 3)).isEqualTo(3_218_750);
        // Sub-second v3 (advert_int 0.02): 3 * 20 ms + (256 - 100) * 20 ms / 256.
        assertThat(Timing.masterDownIntervalMicros(3, 100, 2, 3)).isEqualTo(60_000 + 12_187);
    }

    @Test
    void backupBecomesMasterAfterMasterDownInterval() {
        InstanceDriver d = driver(2, 100, 100);
        d.handle(new Event.Startup(), 0);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(d.deadline(TimerKind.MASTER_DOWN)).contains(3_609_375L);
        assertThat(d.fireDue(3_609_374)).isEmpty();
        List<Action> actions = d.fireDue(3_609_375);
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
        assertThat(actions).contains(new Action.SendAdvert(100), new Action.AddVips(), new Action.GratuitousArpBurst(5),
                new Action.Log("(VI_1) Entering MASTER STATE"));
    }

    @Test
    void aTakeoverSendsItsAdvertFirstAndNotifiesLastAndItsLinesKeepKeepalivedsOrder() {
        InstanceDriver d = driver(3, 100, 10);
        d.handle(new Event.Startup(), 0);
        List<Action> actions = d.fireDue(d.deadline(TimerKind.MASTER_DOWN).orElseThrow());

        assertThat(actions.getFirst()).isEqualTo(new Action.SendAdvert(100));
        assertThat(actions).filteredOn(a -> a instanceof Action.Log).extracting(a -> ((Action.Log) a).line())
                .containsExactly("(VI_1) Receive advertisement timeout", "(VI_1) Entering MASTER STATE");
        assertThat(actions.indexOf(new Action.AddVips())).isLessThan(actions.indexOf(new Action.GratuitousArpBurst(5)));
        // Notified (scripts, sync group) once the VIPs are set and announced, as keepalived does.
        assertThat(actions.getLast()).isEqualTo(new Action.StateChanged(VrrpState.BACKUP, VrrpState.MASTER));
    }

    @Test
    void masterSendsAdvertEveryInterval() {
        InstanceDriver d = driver(3, 255, 50);
        d.handle(new Event.Startup(), 0);
        assertThat(d.state()).as("the address owner starts as master").isEqualTo(VrrpState.MASTER);
        assertThat(d.deadline(TimerKind.ADVERT)).contains(500_000L);
        assertThat(d.fireDue(500_000)).contains(new Action.SendAdvert(255));
        assertThat(d.deadline(TimerKind.ADVERT)).contains(1_000_000L);
    }

    @Test
    void secondGratuitousArpBurstComesAfterGarpMasterDelay() {
        InstanceDriver d = driver(2, 255, 100);
        List<Action> start = d.handle(new Event.Startup(), 0);
        assertThat(start).contains(new Action.GratuitousArpBurst(5));
        assertThat(d.deadline(TimerKind.GARP_REPEAT)).contains(5_000_000L);
        assertThat(d.fireDue(5_000_000)).contains(new Action.GratuitousArpBurst(5));
        assertThat(d.deadline(TimerKind.GARP_REPEAT)).isEmpty();
    }

    @Test
    void priorityZeroAdvertMakesBackupTakeOverAfterSkewTime() {
        InstanceDriver d = driver(2, 100, 100);
        d.handle(new Event.Startup(), 0);
        d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 0, 100), 1_000_000);
        assertThat(d.deadline(TimerKind.MASTER_DOWN)).contains(1_000_000L + 609_375L);
    }

    @Test
    void higherPriorityAdvertResetsTheBackupTimerAndV3AdoptsTheMastersInterval() {
        InstanceDriver d = driver(3, 100, 100);
        d.handle(new Event.Startup(), 0);
        d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 200, 50), 2_000_000);
        assertThat(d.snapshot().masterAdverCentis()).isEqualTo(50);
        // 3 * 500 ms + (256 - 100) * 500 ms / 256 = 1_500_000 + 304_687.
        assertThat(d.deadline(TimerKind.MASTER_DOWN)).contains(2_000_000L + 1_804_687L);
    }

    @Test
    void lowerPriorityAdvertWithPreemptDoesNotResetTheBackupTimer() {
        InstanceDriver d = driver(2, 150, 100);
        d.handle(new Event.Startup(), 0);
        long before = d.deadline(TimerKind.MASTER_DOWN).orElseThrow();
        d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 100, 100), 1_000_000);
        assertThat(d.deadline(TimerKind.MASTER_DOWN)).contains(before);
    }

    @Test
    void nopreemptKeepsALowerPriorityMaster() {
        InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 150, 100, ip("10.0.0.1")).withPreempt(false));
        d.handle(new Event.Startup(), 0);
        for (long t = 1_000_000; t <= 20_000_000; t += 1_000_000) {
            d.fireDue(t - 1);
            d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 100, 100), t);
        }
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void higherPriorityAdvertMakesMasterStepDown() {
        InstanceDriver d = driver(2, 255, 100);
        d.handle(new Event.Startup(), 0);
        // An owner only steps down to another owner with a higher address.
        List<Action> a = d.handle(new Event.AdvertReceived(ip("10.0.0.9"), 255, 100), 100);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(a).contains(new Action.RemoveVips(), new Action.Log("(VI_1) Entering BACKUP STATE"));
    }

    @Test
    void lowerPriorityAdvertIsAnsweredAtOnceWithKeepalivedsLogLine() {
        InstanceDriver d = driver(2, 255, 100);
        d.handle(new Event.Startup(), 0);
        List<Action> a = d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 90, 100), 300_000);
        // keepalived 2.2.7 vrrp.c vrrp_state_master_rx(): "Received advert from %s with lower priority %d, ours %d%s"
        assertThat(a).contains(new Action.Log("(VI_1) Received advert from 10.0.0.2 with lower priority 90, ours 255, "
                        + "forcing new election"), new Action.SendAdvert(255),
                new Action.LowerPriorityHeard(ip("10.0.0.2"), 90));
        assertThat(d.deadline(TimerKind.ADVERT)).contains(1_300_000L);
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aFloodOfLowerPriorityAdvertsIsAnsweredOncePerAdvertInterval() {
        InstanceDriver d = driver(2, 255, 100);
        d.handle(new Event.Startup(), 0);
        int answers = 0;
        int lines = 0;
        // 10,000 lower-priority adverts in one second (a spoofing host): at most two answers.
        for (long t = 300_000; t < 1_300_000; t += 100) {
            List<Action> a = d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 90, 100), t);
            answers += (int) a.stream().filter(x -> x instanceof Action.SendAdvert).count();
            lines += (int) a.stream().filter(x -> x instanceof Action.Log).count();
        }
        assertThat(answers).isEqualTo(1);
        assertThat(lines).isEqualTo(1);
        List<Action> later = d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 90, 100), 1_300_000);
        assertThat(later).as("one advert interval after the answer").contains(new Action.SendAdvert(255));
    }

    @Test
    void higherPrioSendAdvertSendsOneOfOursBeforeSteppingDown() {
        InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 100, 100, ip("10.0.0.1"))
                .withHigherPrioSendAdvert(true));
        d.handle(new Event.Startup(), 0);
        d.fireDue(3_609_375);
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
        List<Action> a = d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 150, 100), 4_000_000);
        assertThat(a).startsWith(new Action.SendAdvert(100));
        assertThat(a).contains(new Action.Log("(VI_1) Master received advert from 10.0.0.2 with higher priority 150, ours 100"));
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void anOwnerWithOwnerIgnoreAdvertsStaysMasterWhateverItHears() {
        InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 255, 100, ip("10.0.0.1"))
                .withOwnerIgnoreAdverts(true));
        d.handle(new Event.Startup(), 0);
        assertThat(d.handle(new Event.AdvertReceived(ip("10.0.0.9"), 255, 100), 100)).isEmpty();
        assertThat(d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 90, 100), 200)).isEmpty();
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aMasterWokenLateSendsOneAdvertNotABurstOfTheMissedOnes() {
        InstanceDriver d = driver(2, 255, 100);
        d.handle(new Event.Startup(), 0);
        // The advert timer was due at 1 s; the loop only gets to it at 5.3 s.
        List<Action> a = d.fireDue(5_300_000);
        assertThat(a.stream().filter(x -> x instanceof Action.SendAdvert)).hasSize(1);
        assertThat(d.deadline(TimerKind.ADVERT)).as("re-armed from the real time").contains(6_300_000L);
        // A little late (less than half an interval) keeps the cadence exact.
        List<Action> b = d.fireDue(6_300_400);
        assertThat(b.stream().filter(x -> x instanceof Action.SendAdvert)).hasSize(1);
        assertThat(d.deadline(TimerKind.ADVERT)).contains(7_300_000L);
    }

    @Test
    void equalPriorityIsWonByTheHigherAddress() {
        InstanceDriver low = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 100, 100, ip("10.0.0.1")));
        low.handle(new Event.Startup(), 0);
        low.fireDue(3_609_375);
        low.handle(new Event.AdvertReceived(ip("10.0.0.2"), 100, 100), 4_000_000);
        assertThat(low.state()).isEqualTo(VrrpState.BACKUP);
        InstanceDriver high = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 100, 100, ip("10.0.0.3")));
        high.handle(new Event.Startup(), 0);
        high.fireDue(3_609_375);
        high.handle(new Event.AdvertReceived(ip("10.0.0.2"), 100, 100), 4_000_000);
        assertThat(high.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void shutdownFromMasterSendsPriorityZeroAndRemovesVips() {
        InstanceDriver d = driver(2, 255, 100);
        d.handle(new Event.Startup(), 0);
        List<Action> a = d.handle(new Event.Shutdown(), 10);
        assertThat(a).containsSubsequence(new Action.SendAdvert(0), new Action.RemoveVips());
        assertThat(d.state()).isEqualTo(VrrpState.STOP);
        assertThat(d.nextDeadline()).isEmpty();
    }

    @Test
    void faultFromMasterSendsPriorityZeroAndRecoveryReturnsToBackup() {
        InstanceDriver d = driver(2, 255, 100);
        d.handle(new Event.Startup(), 0);
        assertThat(d.handle(new Event.FaultChanged(true), 10)).containsSubsequence(new Action.SendAdvert(0),
                new Action.RemoveVips(), new Action.Log("(VI_1) Entering FAULT STATE"));
        assertThat(d.state()).isEqualTo(VrrpState.FAULT);
        assertThat(d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 100, 100), 20)).isEmpty();
        d.handle(new Event.FaultChanged(false), 1_000);
        assertThat(d.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(d.deadline(TimerKind.MASTER_DOWN)).contains(1_000L + 3_003_906L);
    }

    @Test
    void preemptDelayFollowsALowerPriorityMasterForThatLong() {
        InstanceDriver d = new InstanceDriver(InstanceParameters.of("VI_1", 51, 2, 150, 100, ip("10.0.0.1"))
                .withPreemptDelay(10_000_000));
        d.handle(new Event.Startup(), 0);
        // A lower-priority master advertises every second from t = 1 s.
        long t = 1_000_000;
        for (; t <= 30_000_000; t += 1_000_000) {
            d.fireDue(t - 1);
            if (d.state() == VrrpState.MASTER) {
                break;
            }
            d.handle(new Event.AdvertReceived(ip("10.0.0.2"), 100, 100), t);
        }
        // Followed until 1 s + 10 s; the adverts after that are discarded, so the master-down timer
        // armed by the last accepted one (at 10 s) runs out: 10 s + 3 s + (256 - 150) / 256 s.
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
        assertThat(t).isEqualTo(14_000_000);
    }
}
