package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resolving the "IPVS" generic netlink family: CTRL_CMD_GETFAMILY and the controller's answer. */
class IpvsGenlFamilyTest {

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void getFamilyRequestIsWhatLibnlGenlCtrlResolveSends() {
        // libnl 3.7 genl_ctrl_probe_by_name(): genlmsg_put(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, version 1),
        // nla_put_string(CTRL_ATTR_FAMILY_NAME), nl_send_auto_complete() adding REQUEST|ACK.
        assertThat(hex(GenlControlMessages.getFamily(IpvsGenl.FAMILY_NAME).encode(3))).isEqualTo(hex(hex("""
                20 00 00 00  10 00  05 00  03 00 00 00  00 00 00 00   # nlmsghdr: 32 bytes, GENL_ID_CTRL, REQUEST|ACK, seq 3, pid 0
                03 01 00 00                                           # genlmsghdr: CTRL_CMD_GETFAMILY, version 1
                09 00 02 00  49 50 56 53 00  00 00 00                 # CTRL_ATTR_FAMILY_NAME "IPVS\\0" + 3 pad
                """)));
    }

    @Test
    void decodesTheIpvsFamilyWithItsCommandsAndNoMulticastGroup() {
        // ctrl_fill_info() of a kernel with IPVS (abridged to three of its 17 commands).
        NetlinkMessage reply = Bytes.single("""
                80 00 00 00  10 00  00 00  03 00 00 00  2e 16 00 00   # nlmsghdr: 128 bytes, GENL_ID_CTRL, seq 3, to port 5678
                01 02 00 00                                           # CTRL_CMD_NEWFAMILY, controller version 2
                09 00 02 00  49 50 56 53 00 00 00 00                  # CTRL_ATTR_FAMILY_NAME "IPVS"
                06 00 01 00  24 00 00 00                              # CTRL_ATTR_FAMILY_ID u16 0x24
                08 00 03 00  01 00 00 00                              # CTRL_ATTR_VERSION 1 (IPVS_GENL_VERSION)
                08 00 04 00  00 00 00 00                              # CTRL_ATTR_HDRSIZE 0
                08 00 05 00  06 00 00 00                              # CTRL_ATTR_MAXATTR 6 (IPVS_CMD_ATTR_MAX)
                40 00 06 00                                           # CTRL_ATTR_OPS, 64 bytes
                14 00 01 00  08 00 01 00 01 00 00 00  08 00 02 00 0b 00 00 00   # [1] NEW_SERVICE: ADMIN_PERM|DO|HASPOL
                14 00 02 00  08 00 01 00 04 00 00 00  08 00 02 00 0f 00 00 00   # [2] GET_SERVICE: also DUMP
                14 00 03 00  08 00 01 00 08 00 00 00  08 00 02 00 0d 00 00 00   # [3] GET_DEST: dump only
                """);

        GenlFamily ipvs = GenlControlMessages.decodeFamily(reply);

        assertThat(ipvs.id()).isEqualTo(0x24);
        assertThat(ipvs.name()).isEqualTo("IPVS");
        assertThat(ipvs.version()).isEqualTo(1);
        assertThat(ipvs.headerSize()).isZero();
        assertThat(ipvs.maxAttribute()).isEqualTo(IpvsGenl.IPVS_CMD_ATTR_TIMEOUT_UDP);
        assertThat(ipvs.commandFlags()).containsExactlyInAnyOrderEntriesOf(Map.of(
                IpvsGenl.IPVS_CMD_NEW_SERVICE, 0x0b, IpvsGenl.IPVS_CMD_GET_SERVICE, 0x0f, IpvsGenl.IPVS_CMD_GET_DEST, 0x0d));
        assertThat(ipvs.supports(IpvsGenl.IPVS_CMD_GET_DEST)).isTrue();
        assertThat(ipvs.supports(IpvsGenl.IPVS_CMD_FLUSH)).isFalse();
        assertThat(ipvs.multicastGroups()).isEmpty();
        assertThat(IpvsMessages.forFamily(ipvs).familyId()).isEqualTo(0x24);
    }

    @Test
    void decodesMulticastGroupsWhenTheFamilyHasThem() {
        // The controller describing itself: one multicast group "notify" with id 0x10.
        NetlinkMessage reply = Bytes.single("""
                5c 00 00 00  10 00  00 00  01 00 00 00  00 00 00 00
                01 02 00 00
                0b 00 02 00  6e 6c 63 74 72 6c 00  00                 # CTRL_ATTR_FAMILY_NAME "nlctrl"
                06 00 01 00  10 00 00 00                              # CTRL_ATTR_FAMILY_ID 0x10
                08 00 03 00  02 00 00 00                              # CTRL_ATTR_VERSION 2
                08 00 04 00  00 00 00 00                              # CTRL_ATTR_HDRSIZE 0
                08 00 05 00  0a 00 00 00                              # CTRL_ATTR_MAXATTR 10
                1c 00 07 00                                           # CTRL_ATTR_MCAST_GROUPS, 28 bytes
                18 00 01 00                                           #   [1], 24 bytes
                08 00 02 00  10 00 00 00                              #     CTRL_ATTR_MCAST_GRP_ID 0x10
                0b 00 01 00  6e 6f 74 69 66 79 00  00                 #     CTRL_ATTR_MCAST_GRP_NAME "notify"
                """);

        GenlFamily ctrl = GenlControlMessages.decodeFamily(reply);

        assertThat(ctrl.id()).isEqualTo(GenlControlMessages.GENL_ID_CTRL);
        assertThat(ctrl.multicastGroups()).containsExactly(Map.entry("notify", 0x10));
        assertThat(ctrl.multicastGroup("notify")).contains(0x10);
        assertThat(ctrl.commandFlags()).isEmpty();
    }

    @Test
    void anotherControllerCommandOrAnotherFamilyIsRefused() {
        NetlinkMessage getFamilyEcho = Bytes.single("""
                20 00 00 00  10 00  05 00  03 00 00 00  00 00 00 00
                03 01 00 00  09 00 02 00  49 50 56 53 00 00 00 00
                """);
        NetlinkMessage ipvsMessage = Bytes.single("14 00 00 00  24 00 00 00  01 00 00 00  00 00 00 00  01 01 00 00");

        assertThatThrownBy(() -> GenlControlMessages.decodeFamily(getFamilyEcho))
                .isInstanceOfSatisfying(MalformedNetlinkException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedNetlinkException.Reason.UNEXPECTED_MESSAGE));
        assertThatThrownBy(() -> GenlControlMessages.decodeFamily(ipvsMessage))
                .isInstanceOfSatisfying(MalformedNetlinkException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedNetlinkException.Reason.UNEXPECTED_MESSAGE));
    }

    @Test
    void familyIdIsMissingFromATruncatedAnswer() {
        NetlinkMessage reply = Bytes.single("""
                20 00 00 00  10 00  00 00  03 00 00 00  00 00 00 00
                01 02 00 00  09 00 02 00  49 50 56 53 00 00 00 00
                """);

        assertThatThrownBy(() -> GenlControlMessages.decodeFamily(reply))
                .isInstanceOfSatisfying(MalformedNetlinkException.class,
                        e -> assertThat(e.reason()).isEqualTo(MalformedNetlinkException.Reason.MISSING_ATTRIBUTE))
                .hasMessageContaining("attribute 1");
    }

    @Test
    void familyNamesAndIdsAreChecked() {
        assertThatThrownBy(() -> GenlControlMessages.getFamily("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenlControlMessages.getFamily("x".repeat(16))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsMessages.forFamily(GenlControlMessages.GENL_ID_CTRL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsMessages.forFamily(new GenlFamily(0x10, "nlctrl", 2, 0, 10, Map.of(), Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
