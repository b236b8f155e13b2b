package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole daemons in this JVM on a simulated LAN: the glue between the pure engine and the OS
 * (loop, advert routing, instance IO, wiring, VIPs, stop) without a kernel.
 */
class DaemonFailoverInProcessTest {

    @Test
    void theHigherPriorityBecomesMasterAndAStopHandsOverWithPriorityZero() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            assertThat(a.vips()).containsExactly("10.0.0.100/24");
            assertThat(b.vips()).isEmpty();
            assertThat(a.host.announcements()).contains("garp eth0 10.0.0.100");
            Thread.sleep(500);
            assertThat(b.state()).as("the backup hears the master's adverts").isEqualTo(VrrpState.BACKUP);

            a.daemon.stop();
            assertThat(a.daemon.exitStatus()).isZero();
            List<FakeLan.Sent> fromA = lan.sentBy("lb1");
            assertThat(fromA.getLast().packet().priority()).as("the last advert says goodbye").isZero();
            assertThat(a.vips()).isEmpty();
            assertThat(a.host.openChannels()).as("everything the daemon opened is closed").isZero();
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(1));
            assertThat(b.vips()).containsExactly("10.0.0.100/24");
        }
    }

    @Test
    void aBackupTakesOverWhenTheMasterFallsSilent() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            long before = System.nanoTime();
            a.host.disconnect();
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));
            // Master_Down_Interval at 0.1 s and priority 100: 3 x 100 ms + 61 ms skew.
            assertThat((System.nanoTime() - before) / 1_000_000).isBetween(250L, 1_500L);
        }
    }
}
