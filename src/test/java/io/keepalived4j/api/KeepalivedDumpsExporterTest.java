package io.keepalived4j.api;

import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * keepalived.data, keepalived.stats and keepalived.json as keepalived-exporter reads them
 * ({@link ExporterParser}, its parser ported): every instance, state, VIP and counter comes
 * through, and the port itself reads keepalived 2.2.7's own dumps (captured from a real daemon).
 */
class KeepalivedDumpsExporterTest {

    @Test
    void thePortReadsKeepalived227sOwnDumps() throws IOException {
        Map<String, ExporterParser.VrrpData> data = ExporterParser.parseVrrpData(resource("keepalived.data"));
        assertThat(data).containsOnlyKeys("VI_1");
        ExporterParser.VrrpData vi1 = data.get("VI_1");
        assertThat(vi1.state).isEqualTo(2);
        assertThat(vi1.wantState).isEqualTo(2);
        assertThat(vi1.intf).isEqualTo("eth0");
        assertThat(vi1.vrid).isEqualTo(51);
        assertThat(vi1.vips).containsExactly("10.0.0.100/24 dev eth0 scope global label eth0:vip set");
        assertThat(ExporterParser.parseVrrpScript(resource("keepalived.data")))
                .containsExactly(new ExporterParser.VrrpScript("chk_true", "GOOD", "idle"));
        assertThat(ExporterParser.parseStats(resource("keepalived.stats")).get("VI_1"))
                .containsEntry("advert_sent", 3).containsEntry("become_master", 1).hasSize(14);
        ExporterParser.Vrrp json = ExporterParser.parseJson(resource("keepalived.json")).getFirst();
        assertThat(json.data().iname).isEqualTo("VI_1");
        assertThat(json.stats()).containsEntry("advert_sent", 3);
    }

    @Test
    void dataFileGivesEveryInstanceItsStateInterfaceVridAndVips() {
        String text = KeepalivedDataFormat.text(StatusFixtures.full(), ZoneOffset.UTC);

        Map<String, ExporterParser.VrrpData> data = ExporterParser.parseVrrpData(text);

        assertThat(data).containsOnlyKeys("VI_1", "VI_6");
        ExporterParser.VrrpData vi1 = data.get("VI_1");
        assertThat(vi1.state).isEqualTo(2);
        assertThat(vi1.wantState).isEqualTo(2);
        assertThat(vi1.intf).isEqualTo("eth0");
        assertThat(vi1.vrid).isEqualTo(51);
        assertThat(vi1.garpDelay).isEqualTo(5);
        assertThat(vi1.vips).containsExactlyElementsOf(StatusFixtures.master().vips());
        assertThat(vi1.excludedVips).containsExactly("192.168.9.9/32 dev eth0 scope global set");
        assertThat(vi1.vips).extracting(v -> ExporterParser.parseVip(v)[1]).containsExactly("eth0", "eth1");
        ExporterParser.VrrpData vi6 = data.get("VI_6");
        assertThat(vi6.state).isEqualTo(1);
        assertThat(vi6.intf).isEqualTo("eth2");
        assertThat(vi6.vrid).isEqualTo(6);
        assertThat(vi6.vips).containsExactly("10.1.0.100/24 dev eth2 scope global");
        // Unicast peers are five-space lines too: they must not be taken for VIPs.
        assertThat(vi6.excludedVips).isEmpty();
        assertThat(text).contains("   Interface = eth2\n   Enforcing strict VRRP compliance\n   Using src_ip = 10.1.0.1 "
                + "(from configuration)\n", "   Unicast Peer :\n     10.1.0.2\n     10.1.0.3\n",
                "   Master router = 10.1.0.2\n   Master priority = 200\n   Master advert int = 0.50 sec\n");
    }

    @Test
    void dataFileGivesEveryTrackedScriptItsStatus() {
        String text = KeepalivedDataFormat.text(StatusFixtures.full(), ZoneOffset.UTC);

        assertThat(ExporterParser.parseVrrpScript(text))
                .containsExactly(new ExporterParser.VrrpScript("chk_haproxy", "BAD", "idle"));
    }

    @Test
    void statsFileGivesEveryCounterOfEveryInstance() {
        Map<String, Map<String, Integer>> stats = ExporterParser.parseStats(KeepalivedStatsFormat.text(StatusFixtures.full()));

        assertThat(stats).containsOnlyKeys("VI_1", "VI_6");
        // 12 accepted + 4 rejected after keepalived counted them (address list); TTL, password and
        // interval rejects in their keepalived counters.
        assertThat(stats.get("VI_1")).containsOnly(entry("advert_rcvd", 16), entry("advert_sent", 60),
                entry("become_master", 1), entry("release_master", 0), entry("packet_len_err", 0),
                entry("advert_interval_err", 5), entry("ip_ttl_err", 3), entry("invalid_type_rcvd", 0),
                entry("addr_list_err", 4), entry("invalid_authtype", 0), entry("authtype_mismatch", 0),
                entry("auth_failure", 2), entry("pri_zero_rcvd", 1), entry("pri_zero_sent", 0));
        assertThat(stats.get("VI_6")).hasSize(14).containsEntry("advert_rcvd", 1003).containsEntry("advert_sent", 2);
    }

    @Test
    void jsonDumpSaysWhatTheTextDumpsSay() {
        StatusSnapshot s = StatusFixtures.full();
        List<ExporterParser.Vrrp> json = ExporterParser.parseJson(KeepalivedJsonFormat.text(s));
        Map<String, ExporterParser.VrrpData> data = ExporterParser.parseVrrpData(KeepalivedDataFormat.text(s, ZoneOffset.UTC));
        Map<String, Map<String, Integer>> stats = ExporterParser.parseStats(KeepalivedStatsFormat.text(s));

        assertThat(json).extracting(v -> v.data().iname).containsExactly("VI_1", "VI_6");
        for (ExporterParser.Vrrp v : json) {
            ExporterParser.VrrpData text = data.get(v.data().iname);
            assertThat(v.data().state).isEqualTo(text.state);
            assertThat(v.data().wantState).isEqualTo(text.wantState);
            assertThat(v.data().intf).isEqualTo(text.intf);
            assertThat(v.data().vrid).isEqualTo(text.vrid);
            assertThat(v.data().garpDelay).isEqualTo(text.garpDelay);
            assertThat(v.data().vips).isEqualTo(text.vips);
            assertThat(v.data().excludedVips).isEqualTo(text.excludedVips);
            assertThat(v.stats()).isEqualTo(stats.get(v.data().iname));
        }
    }

    /** The capture's instance written by us: keepalived's JSON, key for key and value for value. */
    @Test
    void jsonDumpIsKeepalivedsKeyForKeyAndValueForValue() throws IOException {
        Map<String, Object> ours = first(KeepalivedJsonFormat.text(snapshotLikeTheCapture()));
        Map<String, Object> theirs = first(resource("keepalived.json"));

        assertThat(new ArrayList<>(io.keepalived4j.testsupport.JsonSyntax.object(ours.get("data")).keySet()))
                .isEqualTo(new ArrayList<>(io.keepalived4j.testsupport.JsonSyntax.object(theirs.get("data")).keySet()));
        assertThat(io.keepalived4j.testsupport.JsonSyntax.object(ours.get("data")))
                .isEqualTo(io.keepalived4j.testsupport.JsonSyntax.object(theirs.get("data")));
        assertThat(io.keepalived4j.testsupport.JsonSyntax.object(ours.get("stats")))
                .isEqualTo(io.keepalived4j.testsupport.JsonSyntax.object(theirs.get("stats")));
    }

    /**
     * The capture's instance (VI_1, MASTER, eth0, VRID 51, a tracked script) written by us: every
     * line we print is a line of keepalived's own file, in the same order.
     */
    @Test
    void dataFileLinesAreKeepalivedsLinesInKeepalivedsOrder() throws IOException {
        List<String> theirs = resource("keepalived.data").lines().toList();
        List<String> ours = KeepalivedDataFormat.text(snapshotLikeTheCapture(), ZoneOffset.UTC).lines().toList();

        int at = theirs.indexOf("------< VRRP Topology >------");
        for (String line : ours.subList(ours.indexOf("------< VRRP Topology >------"), ours.size())) {
            if (line.startsWith(" VRRP Script") || line.startsWith("   Weight") || line.startsWith("   Status")
                    || line.startsWith("------< VRRP Scripts")) {
                assertThat(theirs).as("keepalived prints %s", line).contains(line);
                continue;
            }
            int found = theirs.subList(at, theirs.size()).indexOf(line);
            assertThat(found).as("keepalived prints \"%s\" after line %d", line, at).isNotNegative();
            at += found;
        }
    }

    @Test
    void aStoppedInstanceIsUnknownAsKeepalivedPrintsIt() {
        InstanceView m = StatusFixtures.master();
        InstanceView stopped = new InstanceView(m.name(), m.interfaceName(), m.vrid(), m.version(), VrrpState.STOP,
                VrrpState.STOP, m.basePriority(), m.effectivePriority(), m.lastTransition(), m.settings(), m.vips(),
                m.excludedVips(), false, m.trackers(), m.peersHeard(), m.counters(), m.rejects(), m.splitBrain());

        assertThat(KeepalivedDataFormat.text(new StatusSnapshot(Instant.EPOCH, "x", List.of(stopped), List.of()),
                ZoneOffset.UTC)).contains("   State = unknown\n");
    }

    private static StatusSnapshot snapshotLikeTheCapture() {
        InstanceSettings settings = new InstanceSettings(100, true, 0, true, false, "none", "10.0.0.1", false,
                Optional.of("224.0.0.18"), List.of(), new InstanceSettings.Garp(0, 5, 0, 1, 0, 5), 3, false, false,
                Map.of("script_master", "'/tmp/kacap/ops/notify.sh' 'MASTERONLY' 'arg'", "script", "'/tmp/kacap/ops/notify.sh'"),
                false);
        InstanceView vi1 = new InstanceView("VI_1", "eth0", 51, 2, VrrpState.MASTER, VrrpState.MASTER, 100, 100,
                Instant.parse("2026-11-23T12:51:02.205620Z"), settings,
                List.of("10.0.0.100/24 dev eth0 scope global label eth0:vip set"), List.of(), true,
                List.of(new TrackerView(TrackerView.SCRIPT, "chk_true", true, 0, 0, false, Optional.of("'/usr/bin/true'"))),
                List.of(),
                new InstanceCounters(0, 3, 1, 0, 0, 0, 0, 0), Map.of(), SplitBrainView.NONE);
        return new StatusSnapshot(Instant.parse("2026-11-23T12:51:05Z"), "nodeA", List.of(vi1), List.of());
    }

    private static Map<String, Object> first(String json) {
        return io.keepalived4j.testsupport.JsonSyntax.object(
                io.keepalived4j.testsupport.JsonSyntax.array(io.keepalived4j.testsupport.JsonSyntax.parse(json)).getFirst());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KeepalivedDumpsExporterTest.class.getResourceAsStream("/api/keepalived-2.2.7/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
