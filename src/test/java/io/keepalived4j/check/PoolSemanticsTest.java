package io.keepalived4j.check;

import io.keepalived4j.notify.ScriptResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.keepalived4j.check.PoolHarness.fail;
import static io.keepalived4j.check.PoolHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool's semantics against keepalived 2.2.7's ipwrapper.c and checker epilogs, in virtual time:
 * retries, the first check, alpha, inhibit_on_failure, quorum with hysteresis, the sorry server,
 * several checkers per server, misc_dynamic weights, FILE_CHECK, notifications and stop.
 */
class PoolSemanticsTest {

    private static final String VS = "[10.1.0.1]:tcp:80";
    private static final String RS1 = "[10.2.0.1]:tcp:80";
    private static final String RS2 = "[10.2.0.2]:tcp:80";

    private static String config(String vsExtra, String rs1, String rs2) {
        return """
                virtual_server 10.1.0.1 80 {
                  lvs_sched rr
                  lvs_method NAT
                  protocol TCP
                  delay_loop 6
                %s
                  real_server 10.2.0.1 80 {
                    notify_up "/bin/up 1"
                    notify_down "/bin/down 1"
                %s
                  }
                  real_server 10.2.0.2 80 {
                %s
                  }
                }
                """.formatted(vsExtra, rs1, rs2);
    }

    private static final String TCP = "    TCP_CHECK { retry 2\n delay_before_retry 2 }";

    @Test
    void startAddsHealthyServersAndGainsQuorum() {
        PoolHarness h = new PoolHarness(config("", TCP, TCP));
        assertThat(h.take()).containsExactly(
                "Gained quorum 1+0=1 <= 2 for VS " + VS,
                "Activating healthchecker for service " + RS1 + " for VS " + VS,
                "Activating healthchecker for service " + RS2 + " for VS " + VS);
        assertThat(h.table()).containsExactly(Map.entry("10.2.0.1:80", 1L), Map.entry("10.2.0.2:80", 1L));
        assertThat(h.fifo).containsExactly("VS " + VS + " UP");
    }

    @Test
    void aFailureAtTheFirstCheckIsEnoughButLaterOnesAreRetried() {
        PoolHarness h = new PoolHarness(config("", TCP, TCP));
        h.take();
        // keepalived starts retry_it at retry: the first failure takes the server out at once.
        assertThat(h.feed(0, fail())).containsExactly(Duration.ofSeconds(6));
        assertThat(h.take()).containsExactly("TCP_CHECK on service " + RS1 + " failed.",
                "Removing service " + RS1 + " from VS " + VS);
        assertThat(h.table()).containsOnlyKeys("10.2.0.2:80");
        assertThat(h.scripts).containsExactly("/bin/down 1");

        assertThat(h.feed(0, ok())).containsExactly(Duration.ofSeconds(6));
        assertThat(h.take()).containsExactly("TCP connection to " + RS1 + " success.",
                "Adding service " + RS1 + " to VS " + VS);
        assertThat(h.scripts).containsExactly("/bin/down 1", "/bin/up 1");

        // Now up: two retries 2 s apart, then down after the third consecutive failure.
        assertThat(h.feed(0, fail(), fail())).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(h.take()).isEmpty();
        assertThat(h.table()).containsKey("10.2.0.1:80");
        assertThat(h.feed(0, fail())).containsExactly(Duration.ofSeconds(6));
        assertThat(h.take()).containsExactly("TCP_CHECK on service " + RS1 + " failed after 2 retries.",
                "Removing service " + RS1 + " from VS " + VS);
        assertThat(h.fifo).containsExactly("VS " + VS + " UP", "RS " + RS1 + " " + VS + " DOWN",
                "RS " + RS1 + " " + VS + " UP", "RS " + RS1 + " " + VS + " DOWN");
    }

    @Test
    void aSuccessBetweenRetriesResetsTheCount() {
        PoolHarness h = new PoolHarness(config("", TCP, TCP));
        h.feed(0, ok());
        h.take();
        h.feed(0, fail(), fail(), ok(), fail(), fail());
        assertThat(h.take()).isEmpty();
        assertThat(h.table()).containsKey("10.2.0.1:80");
    }

    @Test
    void aDownTcpServerIsStillRetriedLikeKeepalivedDoes() {
        PoolHarness h = new PoolHarness(config("", TCP, TCP));
        h.feed(0, fail());
        h.take();
        // tcp_epilog counts retries even while down: delay_before_retry, delay_before_retry, delay_loop.
        assertThat(h.feed(0, fail(), fail(), fail())).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(6));
        assertThat(h.take()).as("no repeated lines while down").isEmpty();
    }

    @Test
    void logAllFailuresLogsEachFailedAttemptWhileUp() {
        PoolHarness h = new PoolHarness(config("", "    TCP_CHECK { retry 1\n log_all_failures true }", TCP));
        h.feed(0, ok());
        h.take();
        h.feed(0, fail(), fail());
        assertThat(h.take()).containsExactly("refused", "refused",
                "TCP_CHECK on service " + RS1 + " failed after 1 retries.", "Removing service " + RS1 + " from VS " + VS);
    }

    @Test
    void alphaKeepsServersOutUntilTheirFirstSuccess() {
        PoolHarness h = new PoolHarness(config("  alpha", TCP, TCP));
        assertThat(h.take()).containsExactly(
                "Activating healthchecker for service " + RS1 + " for VS " + VS,
                "Activating healthchecker for service " + RS2 + " for VS " + VS);
        assertThat(h.table()).isEmpty();
        h.feed(0, ok());
        assertThat(h.take()).containsExactly("TCP connection to " + RS1 + " success.",
                "Adding service " + RS1 + " to VS " + VS, "Gained quorum 1+0=1 <= 1 for VS " + VS);
        assertThat(h.table()).containsOnlyKeys("10.2.0.1:80");
        // An alpha server that fails its first check stays out, with its notify_down run.
        h.feed(1, fail());
        assertThat(h.take()).containsExactly("TCP_CHECK on service " + RS2 + " failed.");
        assertThat(h.fifo).contains("RS " + RS2 + " " + VS + " DOWN");
    }

    @Test
    void inhibitOnFailureQuiescesInsteadOfRemoving() {
        PoolHarness h = new PoolHarness(config("  inhibit_on_failure", TCP, TCP));
        h.take();
        h.feed(0, fail());
        assertThat(h.take()).containsExactly("TCP_CHECK on service " + RS1 + " failed.",
                "Disabling service " + RS1 + " of VS " + VS);
        assertThat(h.table()).containsEntry("10.2.0.1:80", 0L);
        h.feed(0, ok());
        assertThat(h.take()).containsExactly("TCP connection to " + RS1 + " success.",
                "Enabling service " + RS1 + " of VS " + VS);
        assertThat(h.table()).containsEntry("10.2.0.1:80", 1L);
    }

    @Test
    void sorryServerTakesOverWhenTheQuorumIsLostAndLeavesWhenItIsBack() {
        PoolHarness h = new PoolHarness(config("  quorum 2\n  sorry_server 10.9.0.1 8080", TCP, TCP));
        assertThat(h.take()).startsWith("Gained quorum 2+0=2 <= 2 for VS " + VS);
        h.feed(0, fail());
        assertThat(h.take()).containsExactly("TCP_CHECK on service " + RS1 + " failed.",
                "Removing service " + RS1 + " from VS " + VS,
                "Lost quorum 2-0=2 > 1 for VS " + VS,
                "Adding sorry server [10.9.0.1]:tcp:8080 to VS " + VS,
                "Removing alive servers from the pool for VS " + VS);
        assertThat(h.table()).containsExactly(Map.entry("10.9.0.1:8080 sorry", 1L));
        h.feed(0, ok());
        assertThat(h.take()).containsExactly("TCP connection to " + RS1 + " success.",
                "Adding service " + RS1 + " to VS " + VS,
                "Gained quorum 2+0=2 <= 2 for VS " + VS,
                "Removing sorry server [10.9.0.1]:tcp:8080 from VS " + VS,
                "Adding alive servers to the pool for VS " + VS);
        assertThat(h.table()).containsExactly(Map.entry("10.2.0.1:80", 1L), Map.entry("10.2.0.2:80", 1L));
    }

    @Test
    void startingBelowQuorumWithASorryServerAddsIt() {
        PoolHarness h = new PoolHarness(config("  alpha\n  sorry_server 10.9.0.1 8080", TCP, TCP));
        assertThat(h.take()).startsWith("Starting with quorum down 1-0=1 > 0 for VS " + VS,
                "Adding sorry server [10.9.0.1]:tcp:8080 to VS " + VS,
                "Removing alive servers from the pool for VS " + VS);
        assertThat(h.table()).containsExactly(Map.entry("10.9.0.1:8080 sorry", 1L));
    }

    @Test
    void hysteresisDampsTheQuorum() {
        String three = config("  quorum 2\n  hysteresis 1", TCP, TCP).replace("  }\n}\n",
                "  }\n  real_server 10.2.0.3 80 {\n" + TCP + "\n  }\n}\n");
        PoolHarness h = new PoolHarness(three);
        // Start: 3 live >= quorum + hysteresis = 3.
        assertThat(h.take()).startsWith("Gained quorum 2+1=3 <= 3 for VS " + VS);
        h.feed(0, fail());
        h.feed(1, fail());
        // 1 live: not yet lost (threshold while up is quorum - hysteresis = 1)...
        assertThat(h.take()).noneMatch(l -> l.contains("quorum"));
        h.feed(2, fail());
        assertThat(h.take()).contains("Lost quorum 2-1=1 > 0 for VS " + VS);
        h.feed(0, ok());
        h.feed(1, ok());
        // ... and regained only at quorum + hysteresis = 3.
        assertThat(h.take()).noneMatch(l -> l.contains("quorum"));
        h.feed(2, ok());
        assertThat(h.take()).contains("Gained quorum 2+1=3 <= 3 for VS " + VS);
    }

    @Test
    void aServerWithSeveralCheckersIsUpOnlyWhenAllPass() {
        PoolHarness h = new PoolHarness(config("", TCP + "\n" + TCP.replace("TCP_CHECK {", "TCP_CHECK { connect_port 81\n"), TCP));
        h.take();
        h.feed(0, fail());
        assertThat(h.take()).contains("Removing service " + RS1 + " from VS " + VS);
        h.feed(1, fail());
        assertThat(h.take()).containsExactly("TCP_CHECK on service " + RS1 + " failed.");
        h.feed(0, ok());
        assertThat(h.take()).as("one checker still fails").containsExactly("TCP connection to " + RS1 + " success.");
        assertThat(h.table()).doesNotContainKey("10.2.0.1:80");
        h.feed(1, ok());
        assertThat(h.take()).containsExactly("TCP connection to " + RS1 + " success.",
                "Adding service " + RS1 + " to VS " + VS);
    }

    @Test
    void miscDynamicSetsTheWeightFromTheExitStatus() throws InterruptedException {
        PoolHarness h = new PoolHarness(config("", "    MISC_CHECK { misc_path /bin/chk\n misc_dynamic\n retry 1 }", TCP));
        h.take();
        assertThat(h.runMisc(0, ScriptResult.exited(7))).isEqualTo(Duration.ofSeconds(6));
        assertThat(h.take()).containsExactly("Changing weight from 1 to 5 for active service " + RS1 + " of VS " + VS,
                "Misc check for [" + RS1 + " VS " + VS + "] by [/bin/chk] succeeded.");
        assertThat(h.table()).containsEntry("10.2.0.1:80", 5L);
        h.runMisc(0, ScriptResult.exited(7));
        assertThat(h.take()).as("same status, nothing to do").isEmpty();
        h.runMisc(0, ScriptResult.exited(0));
        assertThat(h.take()).containsExactly("Changing weight from 5 to 1 for active service " + RS1 + " of VS " + VS);
        // exit 1 while up: one retry (delay_before_retry 1 s), then down.
        assertThat(h.runMisc(0, ScriptResult.exited(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(h.take()).isEmpty();
        h.runMisc(0, ScriptResult.exited(1));
        assertThat(h.take()).containsExactly(
                "Misc check for [" + RS1 + " VS " + VS + "] by [/bin/chk] failed after 1 retry (exited with status 1).",
                "Removing service " + RS1 + " from VS " + VS);
        h.runMisc(0, ScriptResult.timeout(15));
        assertThat(h.take()).as("already down").isEmpty();
    }

    @Test
    void miscTimeoutAndSignalAreWordedAsKeepalivedWordsThem() throws InterruptedException {
        PoolHarness h = new PoolHarness(config("", "    MISC_CHECK { misc_path /bin/chk }", TCP));
        h.take();
        h.runMisc(0, ScriptResult.timeout(15));
        assertThat(h.take()).containsExactly(
                "Misc check for [" + RS1 + " VS " + VS + "] by [/bin/chk] timed out with retry disabled.",
                "Removing service " + RS1 + " from VS " + VS);
        h.runMisc(0, ScriptResult.exited(0));
        h.take();
        h.runMisc(0, ScriptResult.killed(9));
        assertThat(h.take()).containsExactly(
                "Misc check for [" + RS1 + " VS " + VS + "] by [/bin/chk] failed with retry disabled (due to signal 9).",
                "Removing service " + RS1 + " from VS " + VS);
    }

    @Test
    void fileCheckFaultTakesTheServerOutAndAWeightAdjustsIt() {
        String conf = "track_file tf { file /tmp/none\n weight 0 }\n" + config("", "    FILE_CHECK { track_file tf }", TCP);
        PoolHarness h = new PoolHarness(conf);
        h.take();
        CheckerSlot file = h.checker(0);
        h.pool.fileChanged((io.keepalived4j.config.model.lvs.FileCheck) file.config, FileCheckStatus.of(1, 0, false));
        assertThat(h.take()).containsExactly("Removing service " + RS1 + " from VS " + VS);
        h.pool.fileChanged((io.keepalived4j.config.model.lvs.FileCheck) file.config, FileCheckStatus.of(0, 0, false));
        assertThat(h.take()).containsExactly("Adding service " + RS1 + " to VS " + VS);
        assertThat(FileCheckStatus.of(3, 10, false)).isEqualTo(30);
        assertThat(FileCheckStatus.of(3, 10, true)).isEqualTo(-30);
        assertThat(FileCheckStatus.of(0, 0, true)).isEqualTo(CheckerEpilogs.WEIGHT_FAULT);
        assertThat(FileCheckStatus.of(Integer.MIN_VALUE, 5, false)).isEqualTo(CheckerEpilogs.WEIGHT_FAULT);
    }

    @Test
    void alertsCarryKeepalivedsSubjects() {
        PoolHarness h = new PoolHarness(config("  smtp_alert", TCP, TCP),
                new PoolSettings("lb1", false, false, false, Optional.empty()), f -> 0L);
        h.feed(0, fail());
        assertThat(h.alerts).extracting(a -> a.subject() + " | " + a.body()).containsExactly(
                "[lb1] Virtualserver " + VS + " - UP | => Starting with quorum up 1+0=1 <= 2 <=",
                "[lb1] Realserver " + RS1 + " of virtual server " + VS + " - DOWN | => TCP CHECK failed on service <=");
    }

    @Test
    void stopShutsEveryServerDownAndOmegaRunsTheDownNotifications() {
        PoolHarness h = new PoolHarness(config("  omega\n  quorum_down /bin/qdown", TCP, TCP));
        h.take();
        h.scripts.clear();
        h.pool.close();
        assertThat(h.take()).containsExactly("Shutting down service " + RS1 + " from VS " + VS,
                "Shutting down service " + RS2 + " from VS " + VS);
        assertThat(h.scripts).containsExactly("/bin/down 1", "/bin/qdown");
        assertThat(h.dataPlane.table()).isEmpty();
    }

    @Test
    void haSuspendPausesCheckersWhileTheAddressIsAbsent() throws Exception {
        PoolHarness h = new PoolHarness(config("  ha_suspend", TCP, TCP));
        h.take();
        java.net.InetAddress vip = java.net.InetAddress.getByName("10.1.0.1");
        h.pool.addressChanged(vip, false);
        assertThat(h.take()).containsExactly("Suspending healthchecker for service " + RS1 + " for VS " + VS,
                "Suspending healthchecker for service " + RS2 + " for VS " + VS);
        assertThat(h.checker(0).enabled).isFalse();
        h.pool.addressChanged(vip, true);
        assertThat(h.take()).containsExactly("Activating healthchecker for service " + RS1 + " for VS " + VS,
                "Activating healthchecker for service " + RS2 + " for VS " + VS);
    }
}
