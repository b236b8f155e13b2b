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
            DaemonControl control = new DaemonControl(a.daemon,
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
            DaemonControl control = new DaemonControl(a.daemon,
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

    @Test
    void serverCommandsDrainAndWeighTheNamedServerAndVrrpCommandsWaitForVrrp() {
        io.keepalived4j.config.model.KeepalivedConfig config = InProcessNode.load("""
                virtual_server 10.1.0.1 80 {
                  lvs_sched wrr
                  protocol TCP
                  real_server 10.2.0.1 80 {
                    weight 3
                  }
                }
                """);
        io.keepalived4j.lb.LoggingDataPlane dataPlane = new io.keepalived4j.lb.LoggingDataPlane();
        io.keepalived4j.check.PoolListener quiet = new io.keepalived4j.check.PoolListener() {
            @Override
            public void log(String line) {
            }

            @Override
            public void runScript(io.keepalived4j.config.model.Script script) {
            }

            @Override
            public void fifo(String line) {
            }

            @Override
            public void alert(io.keepalived4j.notify.SmtpAlert alert) {
            }
        };
        try (io.keepalived4j.check.HealthPool pool = io.keepalived4j.check.HealthPool.create(config.lvs().virtualServers(),
                dataPlane, quiet, io.keepalived4j.check.PoolSettings.DEFAULTS, (c, vs, rs) -> Optional.empty(),
                io.keepalived4j.check.CheckClock.SYSTEM)) {
            pool.start(f -> 0L, vs -> true);
            DaemonControl control = new DaemonControl(null, Optional.of(pool));
            ControlCommand.AddressService vs = new ControlCommand.AddressService(Optional.empty(),
                    InetAddress.ofLiteral("10.1.0.1"), 80);
            ControlCommand.Server rs = new ControlCommand.Server(InetAddress.ofLiteral("10.2.0.1"), 80);

            assertThat(control.execute(new ControlCommand.ServerState(vs, rs, false)))
                    .isEqualTo(ControlReply.ok("drained [10.2.0.1]:tcp:80 of [10.1.0.1]:tcp:80"));
            assertThat(dataPlane.table().get("[10.1.0.1]:tcp:80").values()).containsExactly(0L);
            assertThat(control.execute(new ControlCommand.ShowServers()).lines().get(1))
                    .matches("\\[10.1.0.1\\]:tcp:80 +\\[10.2.0.1\\]:tcp:80 +up +3 drained");
            assertThat(control.execute(new ControlCommand.SetWeight(vs, rs, 9)).ok()).isTrue();
            assertThat(control.execute(new ControlCommand.ServerState(vs, rs, true)).ok()).isTrue();
            assertThat(dataPlane.table().get("[10.1.0.1]:tcp:80").values()).containsExactly(9L);
            assertThat(control.execute(new ControlCommand.ServerState(vs, rs, true)))
                    .isEqualTo(ControlReply.ok("enabled [10.2.0.1]:tcp:80 of [10.1.0.1]:tcp:80 (already so)"));
            assertThat(control.execute(new ControlCommand.ServerState(vs,
                    new ControlCommand.Server(InetAddress.ofLiteral("10.2.0.9"), 80), false)))
                    .isEqualTo(ControlReply.error("virtual server [10.1.0.1]:tcp:80 has no real server 10.2.0.9:80"));
            assertThat(control.execute(new ControlCommand.Maintenance("VI_1", true)))
                    .isEqualTo(ControlReply.error("VRRP does not run in this process (checkers only)"));

            // A reload changes the virtual server (a second real server): both are named as they run now.
            var reloaded = InProcessNode.load("""
                    virtual_server 10.1.0.1 80 {
                      lvs_sched wrr
                      protocol TCP
                      real_server 10.2.0.1 80 {
                        weight 3
                      }
                      real_server 10.2.0.2 80 {
                        weight 4
                      }
                    }
                    """);
            pool.reload(reloaded.lvs().virtualServers(), io.keepalived4j.check.PoolSettings.DEFAULTS,
                    (c, v, r) -> Optional.empty(), f -> 0L, v -> true);
            assertThat(control.execute(new ControlCommand.ServerState(vs,
                    new ControlCommand.Server(InetAddress.ofLiteral("10.2.0.2"), 80), false)))
                    .isEqualTo(ControlReply.ok("drained [10.2.0.2]:tcp:80 of [10.1.0.1]:tcp:80"));
            assertThat(control.execute(new ControlCommand.SetWeight(vs, rs, 5)))
                    .isEqualTo(ControlReply.ok("weight of [10.2.0.1]:tcp:80 of [10.1.0.1]:tcp:80 set to 5"));
            assertThat(dataPlane.table().get("[10.1.0.1]:tcp:80").values()).containsExactlyInAnyOrder(5L, 0L);
        }
    }
}
