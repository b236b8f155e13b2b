package io.keepalived4j.interop;

import io.keepalived4j.api.ExporterProbe;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running keepalived4j daemon (BACKUP, priority 90) with keepalived 2.2.7 as its master, in
 * namespaces: SIGUSR1, SIGUSR2 and the JSON stand-in write the dump files the exporter reads, and
 * the status endpoint in the daemon's namespace serves JSON and metrics about the same instance.
 */
class StatusInteropTest {

    private static final int PORT = 9650;

    @Test
    void aRunningBackupAnswersItsDumpSignalsAndServesStatusAboutItsMaster() throws Exception {
        TwoNodeLab.assumeRunnable();
        try (TwoNodeLab t = TwoNodeLab.create(NodeFactory.KEEPALIVED,
                (host, config) -> Keepalived4jProcess.withArgs(host, config, "--status-address", String.valueOf(PORT)),
                lab -> lab.vip4(1), StatusInteropTest::config)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(10));
            KeepalivedV2ElectionTest.sleep(Duration.ofMillis(2500));
            Path dir = t.lab.workDir();
            String master = t.lb1Host.address4().getHostAddress();

            ((Keepalived4jProcess) t.lb2).signal("USR1");
            String data = awaitFile(dir.resolve("lb2.data"));
            ((Keepalived4jProcess) t.lb2).signal("USR2");
            String stats = awaitFile(dir.resolve("lb2.stats"));
            ((Keepalived4jProcess) t.lb2).signal("URG");
            String json = awaitFile(dir.resolve("lb2.json"));

            ExporterProbe.View fromFiles = ExporterProbe.read(data, stats);
            assertThat(fromFiles.states()).containsExactly(Map.entry("VI_1", 1));
            assertThat(fromFiles.vrids()).containsExactly(Map.entry("VI_1", 51));
            assertThat(fromFiles.interfaces()).containsExactly(Map.entry("VI_1", "eth0"));
            assertThat(fromFiles.counter("VI_1", "advert_rcvd")).isPositive();
            assertThat(fromFiles.counter("VI_1", "become_master")).isZero();
            assertThat(data).contains("   Master router = " + master + "\n", "   Master priority = 100\n");
            ExporterProbe.View fromJson = ExporterProbe.readJson(json);
            assertThat(fromJson.states()).isEqualTo(fromFiles.states());
            assertThat(fromJson.counter("VI_1", "advert_rcvd")).isPositive();
            assertThat(t.lb2.log().text()).contains("Printing VRRP data for process(", "Printing VRRP stats for process(",
                    "Printing VRRP as json for process(");

            String metrics = fetch(t, "/metrics");
            ExporterProbe.checkExposition(metrics);
            assertThat(io.keepalived4j.testsupport.Promtool.findings(metrics)).as("promtool on the daemon's /metrics").isEmpty();
            assertThat(metrics).contains("keepalived_vrrp_state{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\",ip_address=\""
                    + t.vip.getHostAddress() + "/" + Lab.PREFIX4 + "\"} 1\n");
            assertThat(metrics).contains("keepalived4j_vrrp_peer_priority{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\",peer=\""
                    + master + "\"} 100\n");
            String status = fetch(t, "/status");
            assertThat(status).contains("\"state\": \"BACKUP\"", "\"effectivePriority\": 90", "\"address\": \"" + master + "\"");
            assertThat(fetch(t, "/status.txt")).startsWith("INSTANCE").contains("VI_1", "BACKUP", master + "(100)");
        }
    }

    private static String config(Lab lab, java.net.InetAddress vip, String id, String state, int priority) {
        Path dir = lab.workDir();
        return new VrrpConfig(id, 2, state, 51, priority, "1", vip, Lab.PREFIX4, 5).render()
                .replace("global_defs {\n", "global_defs {\n    state_dump_file " + dir.resolve(id + ".data")
                        + "\n    stats_dump_file " + dir.resolve(id + ".stats")
                        + "\n    json_dump_file " + dir.resolve(id + ".json") + "\n");
    }

    /** GET inside the daemon's namespace, where its loopback endpoint is. */
    private static String fetch(TwoNodeLab t, String path) {
        ExecResult r = t.lb2Host.exec(List.of("python3", "-c", "import sys, urllib.request; sys.stdout.write("
                + "urllib.request.urlopen('http://127.0.0.1:" + PORT + path + "', timeout=5).read().decode())"),
                Duration.ofSeconds(15));
        assertThat(r.ok()).as("GET %s: %s", path, r.stderr()).isTrue();
        return r.stdout();
    }

    private static String awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + file + " within 10 s");
            }
            Thread.sleep(50);
        }
        try {
            Thread.sleep(50);
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
