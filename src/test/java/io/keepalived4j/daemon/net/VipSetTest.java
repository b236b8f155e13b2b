package io.keepalived4j.daemon.net;

import io.keepalived4j.os.netlink.NamespaceFixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.NetResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From keepalived.conf text to the kernel of a test namespace, and back. */
class VipSetTest {

    private static final String CONFIG = """
            vrrp_instance VI_1 {
             interface eth0
             virtual_router_id 51
             virtual_ipaddress {
              10.234.0.100/24 brd + label eth0:vip scope site
              10.232.0.100 dev eth1
             }
             virtual_ipaddress_excluded {
              10.233.0.100/24 dev eth2
              2001:db8:231::100
             }
             virtual_routes {
              10.9.0.0/16 via 10.231.0.254 dev eth0 table 100
             }
             virtual_rules {
              from 10.9.0.0/16 table 100 priority 1000
             }
            }
            """;

    private static VrrpInstance instance() {
        return Configs.load(CONFIG).vrrp().instances().getFirst();
    }

    /** The unrelated state a VipSet must never touch: eth0's own address, another address and route. */
    private static void unrelated(NamespaceFixture f) {
        f.ip("addr", "add", "10.231.0.1/24", "dev", "eth0");
        f.ip("addr", "add", "10.231.0.50/24", "dev", "eth0");
        f.ip("route", "add", "10.10.0.0/16", "via", "10.231.0.254", "dev", "eth0", "table", "100");
    }

    private static List<String> added(List<String> before, List<String> after) {
        List<String> diff = new ArrayList<>(after);
        diff.removeAll(before);
        return diff;
    }

    @Test
    void aRehearsalTouchesNothingOnTheHostAndTheRealPassStillAddsEverything() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("vipset")) {
            unrelated(f);
            List<String> addressesBefore = f.ip("-o", "addr").lines().toList();
            List<String> rulesBefore = f.ip("rule").lines().toList();
            String table100Before = f.ip("route", "show", "table", "100");
            VipSet vips = VipSet.of(instance(), f.rt);

            vips.rehearseAdd();

            assertThat(f.ip("-o", "addr").lines().toList()).isEqualTo(addressesBefore);
            assertThat(f.ip("rule").lines().toList()).isEqualTo(rulesBefore);
            assertThat(f.ip("route", "show", "table", "100")).isEqualTo(table100Before);
            assertThat(vips.holds()).isEmpty();
            assertThat(vips.add()).extracting(NetResult::outcome).containsOnly(Outcome.ADDED).hasSize(6);
        }
    }

    @Test
    void addPutsExactlyTheConfiguredAddressesRoutesAndRulesInPlace() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("vipset")) {
            unrelated(f);
            List<String> addressesBefore = f.ip("-o", "addr").lines().toList();
            List<String> rulesBefore = f.ip("rule").lines().toList();
            VipSet vips = VipSet.of(instance(), f.rt);

            List<NetResult> results = vips.add();

            assertThat(results).extracting(NetResult::outcome).containsOnly(Outcome.ADDED).hasSize(6);
            List<String> added = added(addressesBefore, f.ip("-o", "addr").lines().toList());
            assertThat(added).as(String.join("\n", added)).satisfiesExactlyInAnyOrder(
                    l -> assertThat(l).contains("eth0    inet 10.234.0.100/24 brd 10.234.0.255 scope site eth0:vip"),
                    l -> assertThat(l).contains("eth1    inet 10.232.0.100/32 scope global eth1"),
                    l -> assertThat(l).contains("eth2    inet 10.233.0.100/24 scope global eth2"),
                    // keepalived's VIPv6: no DAD (RFC 5798 8.3.2) and deprecated, so never a source address
                    l -> assertThat(l).contains("eth0    inet6 2001:db8:231::100/128 scope global nodad deprecated")
                            .contains("preferred_lft 0sec"));
            assertThat(added(rulesBefore, f.ip("rule").lines().toList())).containsExactly("1000:\tfrom 10.9.0.0/16 lookup 100");
            assertThat(f.ip("route", "show", "table", "100")).isEqualTo(
                    "10.9.0.0/16 via 10.231.0.254 dev eth0 proto keepalived \n10.10.0.0/16 via 10.231.0.254 dev eth0 \n");
            assertThat(vips.holds()).hasSize(4);
        }
    }

    @Test
    void addingTwiceIsHarmlessAndReportsPresent() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("vipset")) {
            unrelated(f);
            VipSet vips = VipSet.of(instance(), f.rt);
            vips.add();
            List<String> once = f.everything();

            List<NetResult> again = vips.add();

            assertThat(again).extracting(NetResult::outcome).containsOnly(Outcome.ALREADY_PRESENT).hasSize(6);
            assertThat(f.everything()).isEqualTo(once);
        }
    }

    @Test
    void removeTakesAwayExactlyWhatAddPutAndNothingElse() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("vipset")) {
            unrelated(f);
            List<String> before = f.everything();
            VipSet vips = VipSet.of(instance(), f.rt);
            vips.add();

            List<NetResult> removed = vips.remove();

            assertThat(removed).extracting(NetResult::outcome).containsOnly(Outcome.REMOVED).hasSize(6);
            assertThat(f.everything()).isEqualTo(before);
            assertThat(f.ip("-o", "addr", "show", "dev", "eth0")).contains("inet 10.231.0.50/24");
            assertThat(vips.holds()).isEmpty();
            assertThat(vips.remove()).extracting(NetResult::outcome).containsOnly(Outcome.ALREADY_ABSENT);
        }
    }

    @Test
    void oneBadLineFailsAloneAndTheOthersAreApplied() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("vipset")) {
            VrrpInstance i = Configs.load(CONFIG.replace("10.232.0.100 dev eth1", "10.232.0.100 dev k4jnone")).vrrp()
                    .instances().getFirst();
            f.ip("addr", "add", "10.231.0.1/24", "dev", "eth0");

            List<NetResult> results = VipSet.of(i, f.rt).add();

            assertThat(results.get(1).outcome()).isEqualTo(Outcome.FAILED);
            assertThat(results.get(1).error().orElseThrow()).contains("unknown interface k4jnone");
            assertThat(results).filteredOn(NetResult::ok).hasSize(5);
            assertThat(f.ip("-o", "addr")).contains("10.234.0.100/24").contains("10.233.0.100/24");
        }
    }

    @Test
    void sectionLinesFollowKeepalived() {
        VipSet vips = VipSet.of(instance(), null, InterfaceIndex.of(java.util.Map.of()));
        assertThat(vips.settingLines()).containsExactly("(VI_1) setting VIPs.", "(VI_1) setting E-VIPs.",
                "(VI_1) setting Virtual Routes", "(VI_1) setting Virtual Rules");
        assertThat(vips.removingLines()).containsExactly("(VI_1) removing Virtual Rules", "(VI_1) removing Virtual Routes",
                "(VI_1) removing VIPs.", "(VI_1) removing E-VIPs.");
    }
}
