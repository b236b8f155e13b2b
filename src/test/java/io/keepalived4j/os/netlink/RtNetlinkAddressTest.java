package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.keepalived4j.testsupport.ExecResult;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtNetlinkAddressTest {

    @Test
    void ipv4VipWithBrdLabelAndScopeIsAddedAndRemoved() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nladdr")) {
            int eth1 = f.ifindex("eth1");
            AddressSpec vip = AddressSpec.of(Prefix.parse("192.0.2.10/24"), eth1)
                    .withBroadcastPlus().withLabel("eth1:vip").withScope(RtScope.parse("link"));

            f.rt.addAddress(vip);

            assertThat(f.ip("-o", "-4", "addr", "show", "dev", "eth1"))
                    .contains("inet 192.0.2.10/24 brd 192.0.2.255 scope link eth1:vip");

            f.rt.deleteAddress(vip);

            assertThat(f.ip("-o", "-4", "addr", "show", "dev", "eth1")).doesNotContain("192.0.2.10");
        }
    }

    @Test
    void ipv6VipWithNodadIsUsableAtOnce() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nladdr")) {
            int eth1 = f.ifindex("eth1");
            AddressSpec vip = AddressSpec.of(Prefix.parse("2001:db8::10"), eth1).withNodad(true);

            f.rt.addAddress(vip);

            String line = f.ip("-o", "-6", "addr", "show", "dev", "eth1").lines()
                    .filter(l -> l.contains("2001:db8::10/")).findFirst().orElseThrow();
            assertThat(line).contains("inet6 2001:db8::10/128 scope global nodad").doesNotContain("tentative");
            assertThat(f.rt.addresses(eth1)).anySatisfy(a -> {
                assertThat(a.prefix()).isEqualTo(Prefix.parse("2001:db8::10"));
                assertThat(a.has(IfAddrMsg.IFA_F_NODAD)).isTrue();
            });

            f.rt.deleteAddress(vip);
            assertThat(f.ip("-o", "-6", "addr", "show", "dev", "eth1")).doesNotContain("2001:db8::10");
        }
    }

    @Test
    void peerAndNoprefixrouteAreApplied() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nladdr")) {
            int eth2 = f.ifindex("eth2");
            AddressSpec p2p = AddressSpec.of(Prefix.parse("192.0.2.40/32"), eth2).withPeer(InetAddress.getByName("192.0.2.41"));
            AddressSpec v6 = AddressSpec.of(Prefix.parse("2001:db8:5::1/64"), eth2).withNodad(true)
                    .withFlags(IfAddrMsg.IFA_F_NOPREFIXROUTE);

            f.rt.addAddress(p2p);
            f.rt.addAddress(v6);

            assertThat(f.ip("-o", "addr", "show", "dev", "eth2"))
                    .contains("inet 192.0.2.40 peer 192.0.2.41/32 scope global eth2")
                    .contains("inet6 2001:db8:5::1/64 scope global nodad noprefixroute");
            assertThat(f.ip("-6", "route", "show", "dev", "eth2")).doesNotContain("2001:db8:5::/64");

            f.rt.deleteAddress(p2p);
            f.rt.deleteAddress(v6);
            assertThat(f.ip("-o", "addr", "show", "dev", "eth2")).doesNotContain("192.0.2.40").doesNotContain("2001:db8:5::1");
        }
    }

    @Test
    void addingAnAddressTwiceFailsWithEexistWordedLikeIp() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nladdr")) {
            AddressSpec vip = AddressSpec.of(Prefix.parse("192.0.2.20/32"), f.ifindex("eth2"));
            f.rt.addAddress(vip);

            NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> f.rt.addAddress(vip));

            assertThat(e.alreadyExists()).isTrue();
            assertThat(e.errno()).isEqualTo(NetlinkException.EEXIST);
            assertThat(e.getMessage()).startsWith("RTNETLINK answers: File exists");
            // ip says the same: the errno text, or (iproute2 >= 4.12 on such kernels) just the reason.
            ExecResult ip = f.ipResult("addr", "add", "192.0.2.20/32", "dev", "eth2");
            assertThat(ip.stderr()).contains(e.kernelMessage().orElse("RTNETLINK answers: File exists"));
        }
    }

    @Test
    void deletingAMissingAddressSaysItIsNotThere() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nladdr")) {
            AddressSpec vip = AddressSpec.of(Prefix.parse("192.0.2.30/32"), f.ifindex("eth2"));

            NetlinkException e = catchThrowableOfType(NetlinkException.class, () -> f.rt.deleteAddress(vip));

            assertThat(e.notFound()).isTrue();
            assertThat(e.errno()).isEqualTo(NetlinkException.EADDRNOTAVAIL);
            assertThat(e.operation()).isEqualTo("delete address " + vip);
            assertThat(e.getMessage()).startsWith("RTNETLINK answers: Cannot assign requested address");
            ExecResult ip = f.ipResult("addr", "del", "192.0.2.30/32", "dev", "eth2");
            assertThat(ip.stderr()).contains(e.kernelMessage().orElse("RTNETLINK answers: Cannot assign"));
        }
    }

    @Test
    void addressDumpMatchesIpAddr() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nladdr")) {
            f.ip("addr", "add", "198.51.100.7/25", "dev", "eth3", "label", "eth3:x");
            f.ip("addr", "add", "2001:db8:1::7/64", "dev", "eth3", "nodad");

            List<InterfaceAddress> ours = f.rt.addresses();

            // "5: eth3    inet 198.51.100.7/25 scope global eth3:x ..." -> index and address/len
            List<String> expected = f.ip("-o", "addr", "show").lines()
                    .map(l -> l.split("\\s+"))
                    .map(p -> p[0].replace(":", "") + " " + Prefix.parse(p[3]))
                    .toList();
            assertThat(expected).hasSizeGreaterThanOrEqualTo(4); // lo's two, and the two added
            assertThat(ours).map(a -> a.ifindex() + " " + a.prefix())
                    .containsExactlyInAnyOrderElementsOf(expected);
            InetAddress added = InetAddress.getByName("198.51.100.7");
            assertThat(ours).filteredOn(a -> a.prefix().address().equals(added))
                    .singleElement().satisfies(a -> assertThat(a.label()).contains("eth3:x"));
        }
    }

    @Test
    void invalidRequestsAreRefusedBeforeTheKernel() {
        assertThatThrownBy(() -> new Prefix(InetAddress.getByName("192.0.2.1"), 33))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prefix.parse("example.com")).isInstanceOf(IllegalArgumentException.class);
    }
}
