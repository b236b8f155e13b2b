package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keepalived 2.2.7's VRRP completion checks (vrrp_complete_init(), see
 * docs/keepalived-2.2.7-config-test.md section 5): what they find, and that each finding points at
 * the statement concerned although keepalived prints these without a line number.
 */
class VrrpCompletionTest {

    private static LoadResult load(String text) {
        return ConfigLoader.loadText("t.conf", text, LoadOptions.withConfigId("test"));
    }

    /** An instance on eth0 with VRID 51; {@code extra} goes after the priority line (line 5). */
    private static String instance(String name, int vrid, String extra) {
        return "vrrp_instance " + name + " {\n interface eth0\n virtual_router_id " + vrid + "\n priority 100\n" + extra
                + " virtual_ipaddress {\n  10.231.0." + vrid + "/24\n }\n}\n";
    }

    private static Diagnostic only(LoadResult r, String code) {
        List<Diagnostic> found = r.diagnostics().all().stream().filter(d -> d.code().equals(code)).toList();
        assertThat(found).as(code + " in " + r.diagnostics().all()).hasSize(1);
        return found.getFirst();
    }

    @Test
    void trackingTheOwnInterfaceIsIgnoredAtItsLine() {
        LoadResult r = load(instance("VI_1", 51, " track_interface {\n  eth1\n  eth0\n }\n"));
        Diagnostic d = only(r, "track-own-interface");
        assertThat(d.message()).isEqualTo("(VI_1) Ignoring track_interface eth0 since own interface");
        assertThat(d.position().line()).isEqualTo(7);
        assertThat(r.model().vrrp().instances().getFirst().trackInterfaces()).extracting(t -> t.name()).containsExactly("eth1");
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
    }

    @Test
    void unicastKeywordWithoutPeersIsDeprecatedAtTheFirstUnicastKeyword() {
        for (String keyword : List.of(" unicast_src_ip 10.231.0.1\n", " unicast_peer {\n }\n", " check_unicast_src\n",
                " old_unicast_checksum\n")) {
            Diagnostic d = only(load(instance("VI_1", 51, keyword)), "unicast-no-peer");
            assertThat(d.status()).as(keyword).isEqualTo(KaStatus.DEPRECATED);
            assertThat(d.position().line()).as(keyword).isEqualTo(5);
        }
        assertThat(load(instance("VI_1", 51, " unicast_fault_no_peer\n")).diagnostics().status()).isEqualTo(KaStatus.NONE);
    }

    @Test
    void authenticationWithVrrpV3IsIgnoredAtTheBlock() {
        Diagnostic d = only(load(instance("VI_1", 51, " version 3\n authentication {\n  auth_type PASS\n  auth_pass x\n }\n")),
                "v3-auth");
        assertThat(d.position().line()).isEqualTo(6);
    }

    @Test
    void missingVipsPointAtTheBlockOrTheEmptyList() {
        LoadResult none = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n}\n");
        assertThat(only(none, "no-vip").position().line()).isEqualTo(1);
        LoadResult empty = load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n }\n}\n");
        assertThat(only(empty, "no-vip").position().line()).isEqualTo(4);
    }

    @Test
    void sameVridTwiceIsReportedAtTheSecondVrid() {
        LoadResult r = load(instance("VI_1", 51, "") + instance("VI_2", 51, "").replace("10.231.0.51", "10.231.0.52"));
        Diagnostic d = only(r, "duplicate-vrid");
        assertThat(d.message()).isEqualTo("VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0");
        assertThat(d.position().line()).isEqualTo(11);
    }

    @Test
    void sameVridOnUnicastInstancesClashesOnlyWithTheSameSourceAndACommonPeer() {
        String peers = " unicast_peer {\n  10.231.0.2\n }\n";
        assertThat(load(instance("VI_1", 51, peers) + instance("VI_2", 51, peers)).diagnostics().has("duplicate-vrid"))
                .as("interface addresses are the host's: unknown here").isFalse();
        String src = " unicast_src_ip 10.231.0.1\n" + peers;
        assertThat(load(instance("VI_1", 51, src) + instance("VI_2", 51, src)).diagnostics().has("duplicate-vrid")).isTrue();
    }

    @Test
    void preemptDelayWithNopreemptIsResetAtItsLine() {
        Diagnostic d = only(load(instance("VI_1", 51, " nopreempt\n preempt_delay 5\n")), "nopreempt-preempt-delay");
        assertThat(d.position().line()).isEqualTo(6);
    }

    @Test
    void onlyTheFirstInstanceMissingItsVridIsReported() {
        LoadResult r = load("vrrp_instance VI_1 {\n interface eth0\n}\nvrrp_instance VI_2 {\n interface eth0\n}\n");
        assertThat(only(r, "no-vrid").message()).isEqualTo("(VI_1) the virtual router id must be set");
    }

    @Test
    void weightedTrackScriptOfASyncGroupMemberIsDroppedAtItsLine() {
        String text = "vrrp_script chk {\n script /bin/true\n weight 10\n}\n"
                + "vrrp_sync_group G {\n group {\n  VI_1\n  VI_2\n }\n}\n"
                + instance("VI_1", 51, " track_script {\n  chk\n }\n") + instance("VI_2", 52, "");
        LoadResult r = load(text);
        Diagnostic d = only(r, "weight-ignored");
        assertThat(d.message()).isEqualTo("(VI_1) ignoring tracked script chk with weights due to SYNC group");
        assertThat(d.position().line()).isEqualTo(16);
        assertThat(r.model().vrrp().instances().getFirst().trackScripts()).isEmpty();
    }

    @Test
    void aTrackerMustBeDefinedAboveItsUse() {
        LoadResult r = load(instance("VI_1", 51, " track_script {\n  chk\n }\n") + "vrrp_script chk {\n script /bin/true\n}\n");
        Diagnostic d = only(r, "unknown-track-script");
        assertThat(d.message()).isEqualTo("(VI_1) track script chk not found, ignoring...");
        assertThat(d.position().line()).isEqualTo(6);
    }
}
