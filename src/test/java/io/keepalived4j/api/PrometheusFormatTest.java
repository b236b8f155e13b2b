package io.keepalived4j.api;

import io.keepalived4j.testsupport.Promtool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics in Prometheus's text format, checked by a strict reader of the format and by
 * Prometheus's own {@code promtool check metrics} (Debian's prometheus package), which also
 * lints names, help and types.
 */
class PrometheusFormatTest {

    private static final Map<Integer, Long> REQUESTS = Map.of(200, 7L, 404, 1L);

    @Test
    void everyLineIsValidExpositionFormatAndEveryFamilyHasHelpAndType() {
        Map<String, ExpositionParser.Family> families = ExpositionParser.parse(
                PrometheusFormat.text(StatusFixtures.full(), REQUESTS));

        assertThat(families).isNotEmpty();
        assertThat(families.values()).allSatisfy(f -> {
            assertThat(f.help).as(f.name).isNotBlank();
            assertThat(f.type).as(f.name).isIn("counter", "gauge");
            assertThat(f.samples).as(f.name).isNotEmpty();
        });
    }

    @Test
    void promtoolAcceptsAndLintsCleanly() throws Exception {
        assertThat(Promtool.findings(PrometheusFormat.text(StatusFixtures.full(), REQUESTS))).as("promtool's findings")
                .isEmpty();
    }

    @Test
    void exporterCompatibleSeriesCarryTheExportersNamesAndLabels() {
        Map<String, ExpositionParser.Family> f = ExpositionParser.parse(PrometheusFormat.text(StatusFixtures.full(), REQUESTS));

        assertThat(f.get("keepalived_up").samples).extracting(ExpositionParser.Sample::value).containsExactly(1.0);
        assertThat(f.get("keepalived_vrrp_state").samples).containsExactly(
                new ExpositionParser.Sample("keepalived_vrrp_state",
                        Map.of("iname", "VI_1", "intf", "eth0", "vrid", "51", "ip_address", "10.0.0.100/24"), 2),
                new ExpositionParser.Sample("keepalived_vrrp_state",
                        Map.of("iname", "VI_1", "intf", "eth1", "vrid", "51", "ip_address", "10.0.1.100/32"), 2),
                new ExpositionParser.Sample("keepalived_vrrp_state",
                        Map.of("iname", "VI_6", "intf", "eth2", "vrid", "6", "ip_address", "10.1.0.100/24"), 1));
        assertThat(f.get("keepalived_vrrp_excluded_state").samples).hasSize(1);
        Map<String, String> vi1 = Map.of("iname", "VI_1", "intf", "eth0", "vrid", "51");
        assertThat(value(f, "keepalived_advertisements_received_total", vi1)).isEqualTo(16);
        assertThat(value(f, "keepalived_ip_ttl_errors_total", vi1)).isEqualTo(3);
        assertThat(value(f, "keepalived_authentication_failure_total", vi1)).isEqualTo(2);
        assertThat(value(f, "keepalived_gratuitous_arp_delay_total", vi1)).isEqualTo(5);
        assertThat(f.get("keepalived_script_status").samples).containsExactly(
                new ExpositionParser.Sample("keepalived_script_status", Map.of("name", "chk_haproxy"), 0));
        for (String name : List.of("advertisements_sent", "become_master", "release_master", "packet_length_errors",
                "advertisements_interval_errors", "invalid_type_received", "address_list_errors",
                "authentication_invalid", "authentication_mismatch", "priority_zero_received", "priority_zero_sent")) {
            assertThat(f.get("keepalived_" + name + "_total").samples).as(name).hasSize(2);
        }
    }

    @Test
    void ownSeriesTellPriorityTrackersPeersRejectsSplitBrainAndPools() {
        Map<String, ExpositionParser.Family> f = ExpositionParser.parse(PrometheusFormat.text(StatusFixtures.full(), REQUESTS));
        Map<String, String> vi1 = Map.of("iname", "VI_1", "intf", "eth0", "vrid", "51");

        assertThat(value(f, "keepalived4j_vrrp_effective_priority", vi1)).isEqualTo(90);
        assertThat(value(f, "keepalived4j_vrrp_base_priority", vi1)).isEqualTo(100);
        assertThat(value(f, "keepalived4j_vrrp_split_brain_reports_total", vi1)).isEqualTo(1);
        assertThat(value(f, "keepalived4j_vrrp_rejected_adverts_total", with(vi1, "reason", "bad_ttl"))).isEqualTo(3);
        assertThat(value(f, "keepalived4j_vrrp_tracker_up", with(vi1, "kind", "script", "tracker", "chk_haproxy"))).isZero();
        assertThat(value(f, "keepalived4j_vrrp_peer_priority", with(vi1, "peer", "10.0.0.2"))).isEqualTo(50);
        Map<String, String> rs = Map.of("virtual_server", "[10.0.0.100]:tcp:80", "real_server", "[10.0.0.11]:tcp:80");
        assertThat(value(f, "keepalived4j_real_server_active_connections", rs)).isEqualTo(7);
        assertThat(value(f, "keepalived4j_checker_up", with(rs, "checker", "HTTP_GET#2"))).isEqualTo(1);
        assertThat(value(f, "keepalived4j_status_requests_total", Map.of("code", "404"))).isEqualTo(1);
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        Exposition e = new Exposition();
        e.family("k4j_test", "gauge", "back\\slash and\nline").sample(1.5, "v", "a\"b\\c\nd");

        ExpositionParser.Family f = ExpositionParser.parse(e.text()).get("k4j_test");

        assertThat(f.help).isEqualTo("back\\slash and\nline");
        assertThat(f.samples).containsExactly(new ExpositionParser.Sample("k4j_test", Map.of("v", "a\"b\\c\nd"), 1.5));
    }

    private static double value(Map<String, ExpositionParser.Family> f, String name, Map<String, String> labels) {
        return f.get(name).samples.stream().filter(s -> s.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError(name + labels + " not in " + f.get(name).samples)).value();
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> m = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }
}
