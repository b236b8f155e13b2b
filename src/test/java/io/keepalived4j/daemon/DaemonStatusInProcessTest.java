package io.keepalived4j.daemon;

import io.keepalived4j.api.ExporterProbe;
import io.keepalived4j.api.InstanceView;
import io.keepalived4j.api.KeepalivedDataFormat;
import io.keepalived4j.api.KeepalivedStatsFormat;
import io.keepalived4j.api.StatusServer;
import io.keepalived4j.api.StatusSnapshot;
import io.keepalived4j.testsupport.Promtool;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status snapshot of two whole daemons on a simulated LAN: what the engine, the counters and
 * the configuration say arrives in the views the dumps and the endpoint print.
 */
class DaemonStatusInProcessTest {

    @TempDir
    Path dir;

    @Test
    void snapshotsTellStatePrioritiesVipsPeersAndCounters() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, "", ""), FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", InProcessNode.config(100, "", ""), FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            Thread.sleep(300);

            StatusSnapshot sa = new DaemonStatus(InProcessNode.load(InProcessNode.config(150, "", "")).global(), a.daemon, null)
                    .snapshot();
            StatusSnapshot sb = new DaemonStatus(InProcessNode.load(InProcessNode.config(100, "", "")).global(), b.daemon, null)
                    .snapshot();

            assertThat(sa.routerId()).isEqualTo("node150");
            InstanceView master = sa.instances().getFirst();
            assertThat(master.name()).isEqualTo("VI_1");
            assertThat(master.state()).isEqualTo(VrrpState.MASTER);
            assertThat(master.vrid()).isEqualTo(51);
            assertThat(master.version()).isEqualTo(3);
            assertThat(master.basePriority()).isEqualTo(150);
            assertThat(master.effectivePriority()).isEqualTo(150);
            assertThat(master.vipsSet()).isTrue();
            assertThat(master.vips()).containsExactly("10.0.0.100/24 dev eth0 scope global set");
            assertThat(master.counters().becameMaster()).isEqualTo(1);
            assertThat(master.counters().advertsSent()).isPositive();
            assertThat(master.settings().sourceAddress()).isEqualTo("10.0.0.1");
            assertThat(master.settings().multicastGroup()).contains("224.0.0.18");

            InstanceView backup = sb.instances().getFirst();
            assertThat(backup.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(backup.vipsSet()).isFalse();
            assertThat(backup.vips()).containsExactly("10.0.0.100/24 dev eth0 scope global");
            assertThat(backup.peersHeard()).singleElement().satisfies(p -> {
                assertThat(p.address()).isEqualTo("10.0.0.1");
                assertThat(p.priority()).isEqualTo(150);
                assertThat(p.advertIntervalCentis()).isEqualTo(10);
                assertThat(p.adverts()).isPositive();
            });
            assertThat(backup.counters().advertsReceived()).isEqualTo(backup.peersHeard().getFirst().adverts());
            assertThat(KeepalivedDataFormat.text(sb, ZoneOffset.UTC)).contains("   Master router = 10.0.0.1\n",
                    "   Master priority = 150\n", "   State = BACKUP\n");

            // The dump files, written as the signals write them, read as the exporter reads them.
            StateDump.writeData(sb, dir.resolve("keepalived.data"));
            StateDump.writeStats(sb, dir.resolve("keepalived.stats"));
            StateDump.writeJson(sb, dir.resolve("keepalived.json"), java.util.Map.of());
            assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("keepalived.data")))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            ExporterProbe.View files = ExporterProbe.read(java.nio.file.Files.readString(dir.resolve("keepalived.data")),
                    java.nio.file.Files.readString(dir.resolve("keepalived.stats")));
            assertThat(files.states()).containsExactly(java.util.Map.entry("VI_1", 1));
            assertThat(files.counter("VI_1", "advert_rcvd")).isPositive();
            assertThat(ExporterProbe.readJson(java.nio.file.Files.readString(dir.resolve("keepalived.json"))).states())
                    .isEqualTo(files.states());

            // The endpoint over the live daemon: metrics promtool accepts.
            DaemonStatus status = new DaemonStatus(InProcessNode.load(InProcessNode.config(150, "", "")).global(), a.daemon,
                    null);
            try (StatusServer server = StatusServer.start(new java.net.InetSocketAddress("127.0.0.1", 0), status::snapshot);
                 java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
                String metrics = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + server.address().getPort() + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                ExporterProbe.checkExposition(metrics);
                assertThat(Promtool.findings(metrics)).isEmpty();
                assertThat(metrics).contains("keepalived_vrrp_state{iname=\"VI_1\",intf=\"eth0\",vrid=\"51\","
                        + "ip_address=\"10.0.0.100/24\"} 2\n", "keepalived4j_vrrp_effective_priority{iname=\"VI_1\","
                        + "intf=\"eth0\",vrid=\"51\"} 150\n");
            }

            a.daemon.stop();
            b.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));
            StatusSnapshot after = new DaemonStatus(InProcessNode.load(InProcessNode.config(100, "", "")).global(), b.daemon,
                    null).snapshot();
            InstanceView taken = after.instances().getFirst();
            assertThat(taken.counters().priorityZeroReceived()).as("the master's goodbye").isEqualTo(1);
            assertThat(taken.lastTransition()).isAfter(backup.lastTransition());
            assertThat(KeepalivedStatsFormat.text(after)).contains("  Priority Zero:\n    Received: 1\n");
        }
    }
}
