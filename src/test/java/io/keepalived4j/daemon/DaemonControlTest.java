package io.keepalived4j.daemon;

import io.keepalived4j.control.ControlCommand;
import io.keepalived4j.control.ControlReply;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon's side of runtime control, on two whole daemons in this JVM (simulated LAN): commands
 * reach the engine through the VRRP loop, and their answers say what happened or why not.
 */
class DaemonControlTest {

    @Test
    void maintenanceAndPriorityOverrideReachTheEngineThroughTheLoop() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            DaemonControl control = new DaemonControl(a.daemon, InProcessNode.load(InProcessNode.config(150, "", "")),
                    Optional.empty());

            ControlReply on = control.execute(new ControlCommand.Maintenance("VI_1", true));
            assertThat(on).isEqualTo(ControlReply.ok("(VI_1) maintenance on, state BACKUP"));
            assertThat(lan.sentBy("lb1").getLast().packet().priority()).as("the hand-over advert").isZero();
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));
            assertThat(a.vips()).isEmpty();
            assertThat(control.execute(new ControlCommand.ShowInstances()).lines().get(1))
                    .matches("VI_1 +BACKUP +150 +150 +- +on");

            assertThat(control.execute(new ControlCommand.Maintenance("VI_1", false)).ok()).isTrue();
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));

            assertThat(control.execute(new ControlCommand.SetPriority("VI_1", OptionalInt.of(50))))
                    .isEqualTo(ControlReply.ok("(VI_1) priority set to 50, effective 50"));
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));
            assertThat(control.execute(new ControlCommand.SetPriority("VI_1", OptionalInt.empty())))
                    .isEqualTo(ControlReply.ok("(VI_1) priority back to the configured 150, effective 150"));
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));
        }
    }

    @Test
    void unknownInstancesAndAbsentServersAreRefusedWithAReason() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE)) {
            DaemonControl control = new DaemonControl(a.daemon, InProcessNode.load(InProcessNode.config(150, "", "")),
                    Optional.empty());
            assertThat(control.execute(new ControlCommand.Maintenance("VI_9", true)))
                    .isEqualTo(ControlReply.error("no vrrp_instance VI_9"));
            InetAddress ip = InetAddress.ofLiteral("10.0.0.5");
            assertThat(control.execute(new ControlCommand.ServerState(new ControlCommand.FwmarkService(1),
                    new ControlCommand.Server(ip, 80), false)))
                    .isEqualTo(ControlReply.error("no health-checked virtual servers run in this daemon"));
            a.daemon.stop();
            assertThat(control.execute(new ControlCommand.ShowInstances()).lines().getFirst())
                    .startsWith("ERR the VRRP loop did not answer");
        }
    }
}
