package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IPVS_CMD_*_SERVICE, GET_SERVICE, ZERO and FLUSH requests, byte for byte as keepalived 2.2.7's
 * {@code ipvs_nl_fill_service_attr} lays them out through libnl 3.7 (family id 0x24 here).
 */
class IpvsServiceMessagesTest {

    private static final IpvsMessages IPVS = IpvsMessages.forFamily(0x24);
    /** Seed 001: virtual_server 10.231.2.100 80, lb_algo wrr, persistence_timeout 3600, protocol TCP. */
    static final IpvsService SEED_001 = IpvsService.of(
            IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.ofLiteral("10.231.2.100"), 80), "wrr").persistent(3600);

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void newServiceCarriesTheWholeServiceInANestedServiceAttribute() {
        assertThat(hex(IPVS.newService(SEED_001).encode(1))).isEqualTo(hex(hex("""
                68 00 00 00  24 00  05 00  01 00 00 00  00 00 00 00   # nlmsghdr: 104 bytes, IPVS, REQUEST|ACK, seq 1, pid 0
                01 01 00 00                                           # genlmsghdr: IPVS_CMD_NEW_SERVICE, version 1
                54 00 01 80                                           # IPVS_CMD_ATTR_SERVICE | NLA_F_NESTED, 84 bytes
                06 00 01 00  02 00 00 00                              #   IPVS_SVC_ATTR_AF u16 AF_INET (+2 pad)
                06 00 02 00  06 00 00 00                              #   IPVS_SVC_ATTR_PROTOCOL u16 TCP
                14 00 03 00  0a e7 02 64 00 00 00 00 00 00 00 00 00 00 00 00   # IPVS_SVC_ATTR_ADDR nf_inet_addr 10.231.2.100
                06 00 04 00  00 50 00 00                              #   IPVS_SVC_ATTR_PORT be16 80
                08 00 06 00  77 72 72 00                              #   IPVS_SVC_ATTR_SCHED_NAME "wrr\\0"
                0c 00 07 00  01 00 00 00  ff ff ff ff                 #   IPVS_SVC_ATTR_FLAGS {PERSISTENT, mask ~0}
                08 00 08 00  10 0e 00 00                              #   IPVS_SVC_ATTR_TIMEOUT u32 3600
                08 00 09 00  ff ff ff ff                              #   IPVS_SVC_ATTR_NETMASK be32 255.255.255.255
                """)));
    }

    @Test
    void setAndDeleteServiceCarryTheSameAttributesUnderTheirCommand() {
        byte[] add = IPVS.newService(SEED_001).encode(1);
        byte[] set = IPVS.setService(SEED_001).encode(1);
        byte[] del = IPVS.deleteService(SEED_001).encode(1);

        assertThat(set[16]).isEqualTo((byte) IpvsGenl.IPVS_CMD_SET_SERVICE);
        assertThat(del[16]).isEqualTo((byte) IpvsGenl.IPVS_CMD_DEL_SERVICE);
        set[16] = add[16];
        del[16] = add[16];
        assertThat(set).isEqualTo(add);
        assertThat(del).isEqualTo(add);
    }

    @Test
    void udpServiceWithPersistenceEngineOnePacketAndSlash24Granularity() {
        IpvsService sip = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.UDP, InetAddress.ofLiteral("192.0.2.1"), 5060), "rr")
                .withFlags(IpvsFlags.of(IpvsFlags.ONEPACKET)).persistent(60).withGranularity(24).withPersistenceEngine("sip");

        assertThat(hex(IPVS.newService(sip).encode(2))).isEqualTo(hex(hex("""
                70 00 00 00  24 00  05 00  02 00 00 00  00 00 00 00   # nlmsghdr: 112 bytes
                01 01 00 00                                           # IPVS_CMD_NEW_SERVICE
                5c 00 01 80                                           # IPVS_CMD_ATTR_SERVICE, 92 bytes
                06 00 01 00  02 00 00 00                              #   AF_INET
                06 00 02 00  11 00 00 00                              #   PROTOCOL UDP (17)
                14 00 03 00  c0 00 02 01 00 00 00 00 00 00 00 00 00 00 00 00   # ADDR 192.0.2.1
                06 00 04 00  13 c4 00 00                              #   PORT be16 5060
                07 00 06 00  72 72 00  00                             #   SCHED_NAME "rr\\0" + 1 pad
                08 00 0b 00  73 69 70 00                              #   PE_NAME "sip\\0" (after the scheduler, as keepalived)
                0c 00 07 00  05 00 00 00  ff ff ff ff                 #   FLAGS {PERSISTENT|ONEPACKET, ~0}
                08 00 08 00  3c 00 00 00                              #   TIMEOUT 60
                08 00 09 00  ff ff ff 00                              #   NETMASK be32 255.255.255.0
                """)));
    }

    @Test
    void ipv6FwmarkServiceSendsTheMarkAndAHostOrderPrefixLengthAsNetmask() {
        IpvsService marked = IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.AF_INET6, 5), "sh")
                .withFlags(IpvsFlags.of(IpvsFlags.SCHED_FALLBACK | IpvsFlags.SCHED_PORT)).persistent(300).withGranularity(64);

        assertThat(hex(IPVS.newService(marked).encode(3))).isEqualTo(hex(hex("""
                4c 00 00 00  24 00  05 00  03 00 00 00  00 00 00 00   # nlmsghdr: 76 bytes
                01 01 00 00                                           # IPVS_CMD_NEW_SERVICE
                38 00 01 80                                           # IPVS_CMD_ATTR_SERVICE, 56 bytes
                06 00 01 00  0a 00 00 00                              #   AF_INET6
                08 00 05 00  05 00 00 00                              #   FWMARK u32 5 (no protocol, address, port)
                07 00 06 00  73 68 00  00                             #   SCHED_NAME "sh\\0"
                0c 00 07 00  19 00 00 00  ff ff ff ff                 #   FLAGS {PERSISTENT|SCHED1|SCHED2, ~0}
                08 00 08 00  2c 01 00 00                              #   TIMEOUT 300
                08 00 09 00  40 00 00 00                              #   NETMASK: prefix length 64, host order
                """)));
    }

    @Test
    void getServiceSendsOnlyTheKeyWithA16ByteAddress() {
        // keepalived's ipvs_get_service: NLA_PUT(IPVS_SVC_ATTR_ADDR, sizeof(union nf_inet_addr)).
        assertThat(hex(IPVS.getService(SEED_001.key()).encode(4))).isEqualTo(hex(hex("""
                44 00 00 00  24 00  05 00  04 00 00 00  00 00 00 00   # nlmsghdr: 68 bytes, REQUEST|ACK: one answer then the ACK
                04 01 00 00                                           # IPVS_CMD_GET_SERVICE
                30 00 01 80                                           # IPVS_CMD_ATTR_SERVICE, 48 bytes
                06 00 01 00  02 00 00 00
                06 00 02 00  06 00 00 00
                14 00 03 00  0a e7 02 64 00 00 00 00 00 00 00 00 00 00 00 00
                06 00 04 00  00 50 00 00
                """)));
    }

    @Test
    void dumpServicesIsABareGetServiceWithDumpFlags() {
        assertThat(hex(IPVS.dumpServices().encode(5))).isEqualTo(hex(hex("""
                14 00 00 00  24 00  01 03  05 00 00 00  00 00 00 00   # REQUEST|ROOT|MATCH
                04 01 00 00                                           # IPVS_CMD_GET_SERVICE, no attribute
                """)));
    }

    @Test
    void zeroOneServiceZeroAllAndFlush() {
        assertThat(hex(IPVS.zero(IpvsServiceKey.fwmark(AddressFamily.AF_INET, 7)).encode(6))).isEqualTo(hex(hex("""
                28 00 00 00  24 00  05 00  06 00 00 00  00 00 00 00
                10 01 00 00                                           # IPVS_CMD_ZERO
                14 00 01 80                                           # IPVS_CMD_ATTR_SERVICE, 20 bytes
                06 00 01 00  02 00 00 00                              #   AF_INET
                08 00 05 00  07 00 00 00                              #   FWMARK 7
                """)));
        assertThat(hex(IPVS.zeroAll().encode(7)))
                .isEqualTo("14 00 00 00 24 00 05 00 07 00 00 00 00 00 00 00 10 01 00 00");
        assertThat(hex(IPVS.flush().encode(8)))
                .isEqualTo("14 00 00 00 24 00 05 00 08 00 00 00 00 00 00 00 11 01 00 00");
    }

    @Test
    void servicesAreCheckedBeforeAnythingIsEncoded() {
        var key = SEED_001.key();
        assertThatThrownBy(() -> IpvsService.of(key, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsService.of(key, "x".repeat(16))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SEED_001.withPersistenceEngine("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SEED_001.withGranularity(33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SEED_001.persistent(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsServiceKey.fwmark(AddressFamily.AF_INET, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.ofLiteral("10.0.0.1"), 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.AF_INET6, 1), "rr").netmask()).isEqualTo(128);
        assertThat(SEED_001.withGranularity(24).netmask()).isEqualTo(0xffffff00);
    }
}
