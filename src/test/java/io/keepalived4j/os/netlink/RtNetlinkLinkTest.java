package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RtNetlinkLinkTest {

    // "3: eth1@if12: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ... state UP ... link/ether 5a:..:01 brd ..."
    private static final Pattern IP_O_LINK = Pattern.compile(
            "^(\\d+): ([^:@]+)(?:@if(\\d+)|@NONE)?: <([^>]*)> mtu (\\d+) .*?state (\\S+) .*?link/\\S+ ?([0-9a-f:]{17})?");

    @Test
    void linksMatchIpOLink() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nllink")) {
            List<Link> ours = f.rt.links();

            List<String> lines = f.ip("-o", "link").lines().toList();
            assertThat(ours).hasSameSizeAs(lines);
            for (String line : lines) {
                Matcher m = IP_O_LINK.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                Link link = ours.stream().filter(l -> l.index() == Integer.parseInt(m.group(1))).findFirst().orElseThrow();
                List<String> flags = List.of(m.group(4).split(","));
                assertThat(link.name()).isEqualTo(m.group(2));
                assertThat(link.mtu()).isEqualTo(Integer.parseInt(m.group(5)));
                assertThat(link.operState().name()).isEqualTo(m.group(6));
                assertThat(link.up()).isEqualTo(flags.contains("UP"));
                assertThat(link.lowerUp()).isEqualTo(flags.contains("LOWER_UP"));
                if (m.group(7) != null) {
                    assertThat(link.mac()).map(MacAddress::toString).contains(m.group(7));
                }
                if (m.group(3) != null) {
                    assertThat(link.linkIndex()).isEqualTo(Integer.parseInt(m.group(3)));
                    assertThat(link.kind()).contains("veth");
                }
            }
            assertThat(f.rt.link("eth2")).map(Link::index).contains(f.ifindex("eth2"));
            assertThat(f.rt.link("k4jnosuchlink")).isEmpty();
        }
    }

    @Test
    void oneLinkByNameOrIndexIsTheDumpsEntryAndAnUnknownOneIsEmpty() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nllink")) {
            List<Link> dumped = f.rt.links();
            assertThat(dumped).hasSizeGreaterThanOrEqualTo(3);
            for (Link l : dumped) {
                assertThat(f.rt.link(l.name())).as(l.name()).contains(l);
                assertThat(f.rt.link(l.index())).as(l.name()).contains(l);
            }
            assertThat(f.rt.link("")).isEmpty();
            assertThat(f.rt.link("x".repeat(16))).as("longer than IFNAMSIZ").isEmpty();
            assertThat(f.rt.link("x".repeat(15))).isEmpty();
            assertThat(f.rt.link(1_000_000)).isEmpty();
        }
    }

    @Test
    void vrrpMacvlanInPrivateModeIsCreatedUpAndDeletedByName() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nllink")) {
            int eth1 = f.ifindex("eth1");
            String name = NamespaceFixture.randomName("m");
            MacvlanSpec spec = new MacvlanSpec(name, eth1, MacAddress.vrrp(51, false), MacvlanMode.PRIVATE);

            Link vmac = f.rt.createMacvlan(spec);

            String details = f.ip("-d", "link", "show", "dev", name);
            assertThat(details).contains(name + "@eth1:").contains("link/ether 00:00:5e:00:01:33")
                    .contains("macvlan mode private").contains(",UP");
            assertThat(vmac.kind()).contains("macvlan");
            assertThat(vmac.linkIndex()).isEqualTo(eth1);
            assertThat(vmac.mac()).contains(MacAddress.vrrp(51, false));
            assertThat(vmac.up()).isTrue();

            NetlinkException again = catchThrowableOfType(NetlinkException.class, () -> f.rt.createMacvlan(spec));
            assertThat(again.alreadyExists()).isTrue();

            f.rt.deleteLink(name);
            assertThat(f.ipResult("link", "show", "dev", name).ok()).isFalse();
        }
    }

    @Test
    void ipv6BridgeModeMacvlanIsDeletedByIndexAndSetUpDownWorks() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nllink")) {
            String name = NamespaceFixture.randomName("m");
            Link vmac = f.rt.createMacvlan(
                    new MacvlanSpec(name, f.ifindex("eth2"), MacAddress.vrrp(7, true), MacvlanMode.BRIDGE));

            assertThat(f.ip("-d", "link", "show", "dev", name)).contains("link/ether 00:00:5e:00:02:07")
                    .contains("macvlan mode bridge");

            f.rt.setLinkUp(vmac.index(), false);
            assertThat(f.rt.link(vmac.index())).map(Link::up).contains(false);
            assertThat(f.ip("-o", "link", "show", "dev", name)).doesNotContain(",UP");

            f.rt.deleteLink(vmac.index());
            assertThat(f.rt.link(name)).isEmpty();
            NetlinkException gone = catchThrowableOfType(NetlinkException.class, () -> f.rt.deleteLink(vmac.index()));
            assertThat(gone.errno()).isEqualTo(NetlinkException.ENODEV);
        }
    }
}
