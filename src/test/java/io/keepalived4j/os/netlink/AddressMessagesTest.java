package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddressMessagesTest {

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void ipv4VipWithBroadcastAndLabelEncodesLikeIpAddrAdd() {
        AddressSpec vip = AddressSpec.of(Prefix.parse("192.0.2.10/24"), 3).withBroadcastPlus().withLabel("eth0:vip");

        byte[] wire = AddressMessages.add(vip).encode(7);

        assertThat(hex(wire)).isEqualTo(hex(hex("""
                40 00 00 00  14 00  05 06  07 00 00 00  00 00 00 00
                02 18 00 00  03 00 00 00
                08 00 02 00  c0 00 02 0a
                08 00 01 00  c0 00 02 0a
                08 00 04 00  c0 00 02 ff
                0d 00 03 00  65 74 68 30 3a 76 69 70 00 00 00 00
                """)));
    }

    @Test
    void ipv6VipWithNodadAndHostScopeSetsFlagAndScopeAndNoLocal() {
        AddressSpec vip = AddressSpec.of(Prefix.parse("2001:db8::10"), 4).withNodad(true).withScope(RtScope.parse("host"));

        byte[] wire = AddressMessages.add(vip).encode(1);

        assertThat(hex(wire)).isEqualTo(hex(hex("""
                2c 00 00 00  14 00  05 06  01 00 00 00  00 00 00 00
                0a 80 02 fe  04 00 00 00
                14 00 01 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 10
                """)));
    }

    @Test
    void deleteIsPlainRequestWithAckAndPreferredLifetimeGoesInCacheinfo() {
        AddressSpec vip = AddressSpec.of(Prefix.parse("2001:db8::10"), 4).withPreferredLifetime(0);

        assertThat(hex(AddressMessages.delete(vip).encode(2))).startsWith("2c 00 00 00 15 00 05 00 02 00 00 00");
        // ifa_cacheinfo: preferred 0, valid forever, timestamps 0
        assertThat(hex(AddressMessages.add(vip).encode(2))).endsWith(
                "14 00 06 00 00 00 00 00 ff ff ff ff 00 00 00 00 00 00 00 00");
    }

    @Test
    void flagsAbove8BitsGoInIfaFlagsAndPeerBecomesIfaAddress() throws Exception {
        AddressSpec vip = AddressSpec.of(Prefix.parse("2001:db8::10/64"), 4)
                .withNodad(true).withFlags(IfAddrMsg.IFA_F_NOPREFIXROUTE).withPeer(InetAddress.getByName("2001:db8::11"));

        assertThat(hex(AddressMessages.add(vip).encode(1))).isEqualTo(hex(hex("""
                48 00 00 00  14 00  05 06  01 00 00 00  00 00 00 00
                0a 40 00 00  04 00 00 00
                14 00 02 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 10
                14 00 01 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 11
                08 00 08 00  02 02 00 00
                """)));
    }

    @Test
    void dumpRequestIsGetaddrWithDumpFlags() {
        assertThat(hex(AddressMessages.dump(AddressFamily.AF_UNSPEC).encode(9)))
                .isEqualTo("18 00 00 00 16 00 01 03 09 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    }

    @Test
    void decodesIpv4AddressNotificationWithLabelAndBroadcast() throws Exception {
        NetlinkMessage m = Bytes.single("""
                5c 00 00 00  14 00  00 00  00 00 00 00  00 00 00 00
                02 18 80 00  03 00 00 00
                08 00 01 00  c0 00 02 0a
                08 00 02 00  c0 00 02 0a
                08 00 04 00  c0 00 02 ff
                0d 00 03 00  65 74 68 30 3a 76 69 70 00 00 00 00
                08 00 08 00  80 00 00 00
                14 00 06 00  ff ff ff ff ff ff ff ff 10 00 00 00 10 00 00 00
                """);

        InterfaceAddress a = AddressMessages.decode(m);

        assertThat(a.ifindex()).isEqualTo(3);
        assertThat(a.prefix()).isEqualTo(new Prefix(InetAddress.getByName("192.0.2.10"), 24));
        assertThat(a.scope()).isEqualTo(RtScope.UNIVERSE);
        assertThat(a.has(IfAddrMsg.IFA_F_PERMANENT)).isTrue();
        assertThat(a.broadcast()).contains(InetAddress.getByName("192.0.2.255"));
        assertThat(a.label()).contains("eth0:vip");
    }

    @Test
    void decodesIpv6AddressFromIfaAddressAndFlagsFromIfaFlagsAttribute() throws Exception {
        NetlinkMessage m = Bytes.single("""
                34 00 00 00  15 00  00 00  00 00 00 00  00 00 00 00
                0a 80 00 00  04 00 00 00
                14 00 01 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 10
                08 00 08 00  82 02 00 00
                """);

        InterfaceAddress a = AddressMessages.decode(m);

        assertThat(m.header().type()).isEqualTo(NlMsgType.RTM_DELADDR);
        assertThat(a.prefix().toString()).isEqualTo("2001:db8:0:0:0:0:0:10/128");
        assertThat(a.has(IfAddrMsg.IFA_F_NODAD)).isTrue();
        assertThat(a.has(IfAddrMsg.IFA_F_NOPREFIXROUTE)).isTrue();
        assertThat(a.label()).isEmpty();
    }

    @Test
    void labelsAndBroadcastsAreIpv4Only() {
        Prefix v6 = Prefix.parse("2001:db8::1");
        assertThatThrownBy(() -> AddressSpec.of(v6, 1).withLabel("eth0:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressSpec.of(Prefix.parse("192.0.2.1"), 1).withLabel("x".repeat(16)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Prefix.parse("192.0.2.1").length()).isEqualTo(32);
        assertThat(v6.length()).isEqualTo(128);
    }
}
