package io.keepalived4j.daemon.net;

import io.keepalived4j.os.netlink.NamespaceFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.NetResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a kill -9'd run left on the interfaces goes at start; nothing else does. */
class LeftoverVipsTest {

    private static final String CONFIG = """
            vrrp_instance VI_1 {
             interface eth0
             virtual_router_id 51
             virtual_ipaddress {
              10.231.0.100/24
              10.232.0.100 dev eth1
             }
             virtual_ipaddress_excluded {
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

    private static List<VrrpInstance> instances() {
        return Configs.load(CONFIG).vrrp().instances();
    }

    @Test
    void removesPlantedLeftoversAndKeepsLookAlikesAndUnrelatedAddresses() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("leftover")) {
            f.ip("addr", "add", "10.231.0.1/24", "dev", "eth0");
            f.ip("addr", "add", "10.231.0.50/24", "dev", "eth0");
            // what the crashed run left: a VIP, an IPv6 E-VIP, the virtual route and rule
            f.ip("addr", "add", "10.231.0.100/24", "dev", "eth0");
            f.ip("-6", "addr", "add", "2001:db8:231::100/128", "dev", "eth0", "nodad");
            f.ip("route", "add", "10.9.0.0/16", "via", "10.231.0.254", "dev", "eth0", "table", "100");
            f.ip("rule", "add", "from", "10.9.0.0/16", "table", "100", "priority", "1000");
            // look-alikes that are not this configuration's: other prefix length, other interface
            f.ip("addr", "add", "10.232.0.100/24", "dev", "eth1");
            f.ip("addr", "add", "10.231.0.100/24", "dev", "eth3");

            List<NetResult> results = LeftoverVips.remove(instances(), f.rt, InterfaceIndex.live(f.rt));

            assertThat(results).extracting(NetResult::kind, NetResult::outcome).containsExactly(
                    tuple(NetResult.Kind.VIRTUAL_RULE, Outcome.REMOVED),
                    tuple(NetResult.Kind.VIRTUAL_ROUTE, Outcome.REMOVED),
                    tuple(NetResult.Kind.VIP, Outcome.REMOVED),
                    tuple(NetResult.Kind.VIP, Outcome.ALREADY_ABSENT),
                    tuple(NetResult.Kind.EXCLUDED_VIP, Outcome.REMOVED));
            assertThat(f.ip("-o", "addr", "show", "dev", "eth0")).contains("inet 10.231.0.1/24").contains("inet 10.231.0.50/24")
                    .doesNotContain("10.231.0.100").doesNotContain("2001:db8:231::100");
            assertThat(f.ip("-o", "addr", "show", "dev", "eth1")).contains("inet 10.232.0.100/24");
            assertThat(f.ip("-o", "addr", "show", "dev", "eth3")).contains("inet 10.231.0.100/24");
            assertThat(f.ip("route", "show", "table", "100")).isEmpty();
            assertThat(f.ip("rule")).doesNotContain("1000:");
        }
    }

    @Test
    void withNothingLeftOverNothingChanges() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("leftover")) {
            f.ip("addr", "add", "10.231.0.1/24", "dev", "eth0");
            f.ip("route", "add", "10.10.0.0/16", "via", "10.231.0.254", "dev", "eth0", "table", "100");
            List<String> before = f.everything();

            List<NetResult> results = LeftoverVips.remove(instances(), f.rt, InterfaceIndex.live(f.rt));

            assertThat(results).extracting(NetResult::outcome).containsOnly(Outcome.ALREADY_ABSENT).hasSize(5);
            assertThat(f.everything()).isEqualTo(before);
        }
    }
}
