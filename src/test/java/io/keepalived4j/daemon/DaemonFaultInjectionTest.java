package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected into a running daemon (test-only hooks, {@link FaultHooks}): each ends either in
 * a restarted component with a log line, or in a stop within the bound with the VIPs gone and a
 * priority-0 advert on the wire. Never a half-alive daemon. The peer (a second daemon) shows what
 * the network sees.
 */
class DaemonFaultInjectionTest {

    @TempDir
    Path dir;

    @Test
    void anErrorInTheLoopStopsTheDaemonWithPriorityZeroAndTheVipsGone() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), faults);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            faults.loopErrors.set(1);

            assertThat(a.daemon.awaitStop(VrrpDaemon.STOP_BOUND)).as("stopped itself within the bound").isTrue();
            assertThat(a.daemon.exitStatus()).isEqualTo(VrrpDaemon.EXIT_FAILURE);
            assertThat(a.daemon.failure()).contains("the VRRP loop failed", "injected fault in the VRRP loop");
            assertThat(a.vips()).isEmpty();
            assertThat(lan.sentBy("lb1").getLast().packet().priority()).isZero();
            assertThat(a.host.openChannels()).isZero();
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(1));
        }
    }

    @Test
    void aLoopThatNeverReturnsIsSeenByTheWatchdogAndTheStopStillReleasesTheVips() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), faults);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            long hungAt = System.nanoTime();
            faults.hangLoop();

            assertThat(a.daemon.awaitStop(VrrpDaemon.STOP_BOUND)).isTrue();
            long tookMillis = (System.nanoTime() - hungAt) / 1_000_000;
            assertThat(a.daemon.exitStatus()).isEqualTo(VrrpDaemon.EXIT_FAILURE);
            assertThat(a.daemon.failure()).contains("stuck", "InjectedFaults.inLoop");
            assertThat(a.vips()).isEmpty();
            assertThat(lan.sentBy("lb1").getLast().packet().priority()).isZero();
            assertThat(tookMillis).as("the watchdog's limit at advert_int 0.1 (250 ms), then the direct release")
                    .isBetween(LoopWatchdog.MIN_STUCK_AFTER.toMillis(), 2_000L);
            assertThat(a.logLines()).contains("the VRRP loop is stuck: releasing the VIPs directly");
            // The backup takes over on the priority-0 advert (skew time) or, at the latest, when its
            // master-down timer (3 x 0.1 s + skew) runs out after the last advert: both race the stop.
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(1));
        } finally {
            faults.releaseLoop();
        }
    }

    @Test
    void anErrorInAReceiveThreadRestartsItWithALogLineAndTheBackupStaysBackup() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), faults)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            faults.receiverErrors.set(1);
            InProcessNode.await(() -> b.daemon.restarts().getOrDefault("k4j-rx-eth0-v4", 0L) == 1, Duration.ofSeconds(3),
                    "receive thread restarted");
            InProcessNode.await(() -> b.logLines().stream().anyMatch(l -> l.startsWith("k4j-rx-eth0-v4 failed: "
                    + "java.lang.Error: injected fault in k4j-rx-eth0-v4; restarting it in 100 ms")), Duration.ofSeconds(3),
                    "the restart's log line");
            Thread.sleep(1_000);
            assertThat(b.state()).as("adverts are received again").isEqualTo(VrrpState.BACKUP);
            assertThat(b.daemon.exitStatus()).isZero();
        }
    }

    @Test
    void aComponentThatKeepsFailingStopsTheDaemon() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), faults)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            faults.receiverErrors.set(-1);
            // Backoff 0.1 + 0.2 + 0.4 + 0.8 + 1.6 s, then the sixth failure within a minute gives up.
            assertThat(a.daemon.awaitStop(Duration.ofSeconds(15))).isTrue();
            assertThat(a.daemon.exitStatus()).isEqualTo(VrrpDaemon.EXIT_FAILURE);
            assertThat(a.daemon.failure()).contains("k4j-rx-eth0-v4 failed 6 times within 60 s");
            assertThat(a.vips()).isEmpty();
            assertThat(lan.sentBy("lb1").getLast().packet().priority()).as("an orderly stop: the loop was fine").isZero();
        }
    }

    @Test
    void anErrorInTheLinkMonitorRestartsIt() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), faults)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            faults.linkErrors.set(1);
            InProcessNode.await(() -> a.daemon.restarts().getOrDefault("k4j-link-monitor", 0L) == 1, Duration.ofSeconds(3),
                    "link monitor restarted");
            InProcessNode.await(() -> a.logLines().stream().anyMatch(l -> l.startsWith("k4j-link-monitor failed: java.lang.Error")),
                    Duration.ofSeconds(3), "the restart's log line");
            assertThat(a.state()).isEqualTo(VrrpState.MASTER);
        }
    }

    @Test
    void anErrorInATrackerRestartsItAndTrackingGoesOn() throws Exception {
        Path file = Files.writeString(dir.resolve("weight"), "0\n");
        String top = """
                track_file tf {
                    file %s
                    weight -1
                }
                """.formatted(file);
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24",
                InProcessNode.config(150, "track_file {\n tf\n }", top), faults)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            faults.trackerErrors.set(1);
            InProcessNode.await(() -> a.daemon.restarts().getOrDefault("k4j-track-files", 0L) == 1, Duration.ofSeconds(3),
                    "file tracker restarted");
            Files.writeString(file, "20\n");
            InProcessNode.await(() -> a.logLines().contains("(VI_1) Changing effective priority from 150 to 130"),
                    Duration.ofSeconds(3), "the tracker still works after its restart");
        }
    }

    @Test
    void aStopWhoseLoopIsStuckInNetlinkReleasesTheVipsOverItsOwnSocket() throws Exception {
        FakeLan lan = new FakeLan();
        InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
        try (a) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            a.host.kernel().hangHandle(0); // the daemon's own netlink socket: the loop's VIP removal hangs
            long stopAt = System.nanoTime();
            a.daemon.stop();
            long tookMillis = (System.nanoTime() - stopAt) / 1_000_000;
            assertThat(tookMillis).isLessThan(VrrpDaemon.STOP_BOUND.toMillis());
            assertThat(a.vips()).isEmpty();
            List<FakeLan.Sent> sent = lan.sentBy("lb1");
            assertThat(sent.getLast().packet().priority()).isZero();
        } finally {
            a.host.kernel().unhang(); // the hung call returns, so the loop thread can end
        }
    }
}
