package io.keepalived4j.config.crossnode;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpGroupingTest {

    @Test
    void sameInterfaceVridAndFamilyFormOneGroup() {
        List<VrrpGroup> groups = VrrpGrouping.of(Nodes.load(
                "a.conf", ConfText.node("lb1").instance(i -> { }).text(),
                "b.conf", ConfText.node("lb2").instance(i -> { }).text()));

        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.label()).isEqualTo("VRID 51 on eth0 (IPv4)");
            assertThat(g.fileCount()).isEqualTo(2);
        });
    }

    @Test
    void threeNodesFormOneGroup() {
        List<VrrpGroup> groups = VrrpGrouping.of(Nodes.load(
                "a.conf", ConfText.node("lb1").instance(i -> { }).text(),
                "b.conf", ConfText.node("lb2").instance(i -> { }).text(),
                "c.conf", ConfText.node("lb3").instance(i -> { }).text()));

        assertThat(groups).singleElement().extracting(VrrpGroup::fileCount).isEqualTo(3L);
    }

    @Test
    void differentVridsInterfacesOrFamiliesAreSeparateGroups() {
        List<VrrpGroup> groups = VrrpGrouping.of(Nodes.load(
                "a.conf", ConfText.node("lb1")
                        .instance(i -> { })
                        .instance("VI_6", i -> i.set("version", "3").set("authentication", null)
                                .block("virtual_ipaddress", "fd00::100/64"))
                        .text(),
                "b.conf", ConfText.node("lb2")
                        .instance(i -> i.set("virtual_router_id", "52"))
                        .instance("VI_9", i -> i.set("interface", "eth1"))
                        .text()));

        assertThat(groups).extracting(VrrpGroup::label).containsExactly(
                "VRID 51 on eth0 (IPv4)", "VRID 51 on eth1 (IPv4)", "VRID 51 on eth0 (IPv6)", "VRID 52 on eth0 (IPv4)");
    }

    @Test
    void unicastInstancesArePairedByTheirPeerAddressesNotByInterface() {
        List<VrrpGroup> groups = VrrpGrouping.of(Nodes.load(
                "a.conf", ConfText.node("lb1").instance(i -> i.set("unicast_src_ip", "10.0.0.1")
                        .block("unicast_peer", "10.0.0.2")).text(),
                "b.conf", ConfText.node("lb2").instance(i -> i.set("interface", "ens3")
                        .set("unicast_src_ip", "10.0.0.2").block("unicast_peer", "10.0.0.1")).text()));

        assertThat(groups).singleElement().satisfies(g -> assertThat(g.label()).isEqualTo("VRID 51 unicast (IPv4)"));
    }
}
