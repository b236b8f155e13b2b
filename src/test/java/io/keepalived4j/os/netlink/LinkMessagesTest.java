package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinkMessagesTest {

    // RTM_NEWLINK for eth0 (index 2, veth peer 7): UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP, mtu 1500,
    // operstate UP, MAC 02:00:00:00:00:01, IFLA_LINKINFO with NLA_F_NESTED set (0x8012), as the kernel sends.
    static final String ETH0 = """
            60 00 00 00  10 00  02 00  2a 00 00 00  00 00 00 00
            00 00 01 00  02 00 00 00  43 10 01 00  00 00 00 00
            09 00 03 00  65 74 68 30 00 00 00 00
            08 00 04 00  dc 05 00 00
            05 00 10 00  06 00 00 00
            0a 00 01 00  02 00 00 00 00 01 00 00
            08 00 05 00  07 00 00 00
            10 00 12 80  09 00 01 00 76 65 74 68 00 00 00 00
            """;

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void decodesEveryLinkField() {
        Link link = LinkMessages.decode(Bytes.single(ETH0));

        assertThat(link.index()).isEqualTo(2);
        assertThat(link.name()).isEqualTo("eth0");
        assertThat(link.up()).isTrue();
        assertThat(link.running()).isTrue();
        assertThat(link.lowerUp()).isTrue();
        assertThat(link.operState()).isEqualTo(OperState.UP);
        assertThat(link.mtu()).isEqualTo(1500);
        assertThat(link.mac()).contains(MacAddress.parse("02:00:00:00:00:01"));
        assertThat(link.linkIndex()).isEqualTo(7);
        assertThat(link.master()).isZero();
        assertThat(link.kind()).contains("veth");
    }

    @Test
    void dumpDatagramSplitsIntoPartsAndDoneAtFourByteBoundaries() {
        byte[] done = hex("14 00 00 00 03 00 02 00 2a 00 00 00 00 00 00 00 00 00 00 00");
        byte[] link = hex(ETH0);
        byte[] datagram = new byte[link.length * 2 + done.length];
        System.arraycopy(link, 0, datagram, 0, link.length);
        System.arraycopy(link, 0, datagram, link.length, link.length);
        System.arraycopy(done, 0, datagram, link.length * 2, done.length);

        List<NetlinkMessage> parts = NetlinkMessage.parseAll(datagram, datagram.length);

        assertThat(parts).extracting(m -> m.header().type())
                .containsExactly(NlMsgType.RTM_NEWLINK, NlMsgType.RTM_NEWLINK, NlMsgType.DONE);
        assertThat(parts.getFirst().header().seq()).isEqualTo(42);
        assertThat(parts.getFirst().header().has(NlMsgFlags.MULTI)).isTrue();
        assertThat(parts.get(1).payload()).hasSize(0x60 - 16);
    }

    @Test
    void truncatedTailEndsTheWalkInsteadOfThrowing() {
        byte[] link = hex(ETH0);

        assertThat(NetlinkMessage.parseAll(link, link.length - 1)).isEmpty();
        assertThat(NetlinkMessage.parseAll(hex("ff 00 00 00 10 00 00 00"), 8)).isEmpty();
    }

    @Test
    void macvlanForVrrpEncodesNestedLinkinfoWithModeAndComesUp() {
        MacvlanSpec spec = new MacvlanSpec("vrrp.51", 2, MacAddress.vrrp(51, false), MacvlanMode.PRIVATE);

        assertThat(hex(LinkMessages.createMacvlan(spec, true).encode(5))).isEqualTo(hex(hex("""
                5c 00 00 00  10 00  05 06  05 00 00 00  00 00 00 00
                00 00 00 00  00 00 00 00  01 00 00 00  01 00 00 00
                08 00 05 00  02 00 00 00
                0c 00 03 00  76 72 72 70 2e 35 31 00
                0a 00 01 00  00 00 5e 00 01 33 00 00
                1c 00 12 00  0c 00 01 00 6d 61 63 76 6c 61 6e 00
                             0c 00 02 00  08 00 01 00 01 00 00 00
                """)));
    }

    @Test
    void vrrpMacsFollowRfc5798() {
        assertThat(MacAddress.vrrp(1, false)).hasToString("00:00:5e:00:01:01");
        assertThat(MacAddress.vrrp(255, true)).hasToString("00:00:5e:00:02:ff");
    }

    @Test
    void setDownChangesOnlyTheUpBitAndDeleteByNameSendsIfname() {
        assertThat(hex(LinkMessages.setUp(9, false).encode(1))).isEqualTo(
                "20 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00 01 00 00 00");
        assertThat(hex(LinkMessages.delete("vrrp.51").encode(1))).isEqualTo(hex(hex("""
                2c 00 00 00  11 00  05 00  01 00 00 00  00 00 00 00
                00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00
                0c 00 03 00  76 72 72 70 2e 35 31 00
                """)));
    }
}
