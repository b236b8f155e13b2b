package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IPVS_CMD_*_DEST and GET_DEST requests: the service's nest, then the destination's as
 * keepalived 2.2.7's {@code ipvs_nl_fill_dest_attr} orders it.
 */
class IpvsDestinationMessagesTest {

    private static final IpvsMessages IPVS = IpvsMessages.forFamily(0x24);
    private static final IpvsService SEED_001 = IpvsServiceMessagesTest.SEED_001;
    /**
     * The service's nest as keepalived 2.2.7 sends it in destination commands (84 bytes): its key
     * and scheduler, its flags without PERSISTENT (mask all), timeout 0, a full netmask; seen in the golden capture
     * (IpvsGoldenBytesTest), where keepalived's NEW_DEST differs from its NEW_SERVICE.
     */
    private static final String SEED_001_SERVICE = """
            54 00 01 80
            06 00 01 00  02 00 00 00
            06 00 02 00  06 00 00 00
            14 00 03 00  0a e7 02 64 00 00 00 00 00 00 00 00 00 00 00 00
            06 00 04 00  00 50 00 00
            08 00 06 00  77 72 72 00
            0c 00 07 00  00 00 00 00  ff ff ff ff
            08 00 08 00  00 00 00 00
            08 00 09 00  ff ff ff ff
            """;

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void newDirectRoutingDestinationOfSeed001() {
        IpvsDestination rs = IpvsDestination.of(InetAddress.ofLiteral("10.231.2.21"), 80, IpvsForwarding.ROUTE, 1);

        assertThat(hex(IPVS.newDestination(SEED_001, rs).encode(2))).isEqualTo(hex(hex("""
                b0 00 00 00  24 00  05 00  02 00 00 00  00 00 00 00   # nlmsghdr: 176 bytes
                05 01 00 00                                           # IPVS_CMD_NEW_DEST
                """ + SEED_001_SERVICE + """
                48 00 02 80                                           # IPVS_CMD_ATTR_DEST | NLA_F_NESTED, 72 bytes
                06 00 0b 00  02 00 00 00                              #   IPVS_DEST_ATTR_ADDR_FAMILY u16 AF_INET (first, as keepalived)
                14 00 01 00  0a e7 02 15 00 00 00 00 00 00 00 00 00 00 00 00   # IPVS_DEST_ATTR_ADDR 10.231.2.21
                06 00 02 00  00 50 00 00                              #   IPVS_DEST_ATTR_PORT be16 80
                08 00 03 00  03 00 00 00                              #   IPVS_DEST_ATTR_FWD_METHOD IP_VS_CONN_F_DROUTE
                08 00 04 00  01 00 00 00                              #   IPVS_DEST_ATTR_WEIGHT 1
                08 00 05 00  00 00 00 00                              #   IPVS_DEST_ATTR_U_THRESH 0
                08 00 06 00  00 00 00 00                              #   IPVS_DEST_ATTR_L_THRESH 0
                """)));
    }

    @Test
    void gueTunnelDestinationCarriesTypePortAndFlagsBetweenWeightAndThresholds() {
        IpvsDestination rs = IpvsDestination.of(InetAddress.ofLiteral("10.231.2.22"), 80, IpvsForwarding.TUNNEL, 3)
                .withTunnel(IpvsTunnel.gue(6080, IpvsTunnel.FLAG_CSUM)).withThresholds(1000, 800);

        assertThat(hex(IPVS.newDestination(SEED_001, rs).encode(3))).isEqualTo(hex(hex("""
                c8 00 00 00  24 00  05 00  03 00 00 00  00 00 00 00   # nlmsghdr: 200 bytes
                05 01 00 00
                """ + SEED_001_SERVICE + """
                60 00 02 80                                           # IPVS_CMD_ATTR_DEST, 96 bytes
                06 00 0b 00  02 00 00 00
                14 00 01 00  0a e7 02 16 00 00 00 00 00 00 00 00 00 00 00 00
                06 00 02 00  00 50 00 00
                08 00 03 00  02 00 00 00                              #   FWD_METHOD IP_VS_CONN_F_TUNNEL
                08 00 04 00  03 00 00 00                              #   WEIGHT 3
                05 00 0d 00  01  00 00 00                             #   IPVS_DEST_ATTR_TUN_TYPE u8 GUE
                06 00 0e 00  17 c0 00 00                              #   IPVS_DEST_ATTR_TUN_PORT be16 6080
                06 00 0f 00  01 00 00 00                              #   IPVS_DEST_ATTR_TUN_FLAGS u16 CSUM
                08 00 05 00  e8 03 00 00                              #   U_THRESH 1000
                08 00 06 00  20 03 00 00                              #   L_THRESH 800
                """)));
    }

    @Test
    void ipipTunnelSendsOnlyItsTypeAndGreNoPort() {
        IpvsDestination ipip = IpvsDestination.of(InetAddress.ofLiteral("10.231.2.22"), 80, IpvsForwarding.TUNNEL, 1);
        IpvsDestination gre = ipip.withTunnel(IpvsTunnel.gre(IpvsTunnel.FLAG_CSUM));

        String ipipWire = hex(IPVS.newDestination(SEED_001, ipip).encode(1));
        String greWire = hex(IPVS.newDestination(SEED_001, gre).encode(1));

        assertThat(ipipWire).contains("08 00 04 00 01 00 00 00 05 00 0d 00 00 00 00 00 08 00 05 00");
        assertThat(greWire).contains("05 00 0d 00 02 00 00 00 06 00 0f 00 01 00 00 00 08 00 05 00");
        assertThat(ipip.tunnel()).contains(IpvsTunnel.IPIP);
    }

    @Test
    void setDestinationToWeightZeroQuiescesAndDeleteCarriesTheSameAttributes() {
        IpvsDestination rs = IpvsDestination.of(InetAddress.ofLiteral("10.231.2.21"), 80, IpvsForwarding.ROUTE, 1);
        byte[] add = IPVS.newDestination(SEED_001, rs).encode(1);
        byte[] quiesce = IPVS.setDestination(SEED_001, rs.withWeight(0)).encode(1);
        byte[] del = IPVS.deleteDestination(SEED_001, rs).encode(1);

        assertThat(quiesce[16]).isEqualTo((byte) IpvsGenl.IPVS_CMD_SET_DEST);
        assertThat(del[16]).isEqualTo((byte) IpvsGenl.IPVS_CMD_DEL_DEST);
        // WEIGHT is 8 bytes into the dest nest's fourth attribute: 20 + 84 + 4 + 8 + 20 + 8 + 8 + 4.
        int weight = 20 + 84 + 4 + 8 + 20 + 8 + 8 + 4;
        assertThat(Arrays.copyOfRange(quiesce, weight - 4, weight + 4)).isEqualTo(hex("08 00 04 00 00 00 00 00"));
        del[16] = add[16];
        assertThat(del).isEqualTo(add);
    }

    @Test
    void ipv6NatDestinationUsesItsOwnFamily() {
        IpvsService v6 = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.ofLiteral("2001:db8::100"), 443), "wlc");
        IpvsDestination rs = IpvsDestination.of(InetAddress.ofLiteral("2001:db8::21"), 8443, IpvsForwarding.MASQ, 5);

        String wire = hex(IPVS.newDestination(v6, rs).encode(1));

        assertThat(wire).contains(hex(hex("""
                06 00 0b 00  0a 00 00 00                              # ADDR_FAMILY AF_INET6
                14 00 01 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 21
                06 00 02 00  20 fb 00 00                              # PORT be16 8443
                08 00 03 00  00 00 00 00                              # FWD_METHOD IP_VS_CONN_F_MASQ
                08 00 04 00  05 00 00 00
                """)));
    }

    @Test
    void dumpDestinationsSendsTheKeyWithTheAddressInItsOwnLength() {
        // keepalived's ipvs_get_dests: NLA_PUT(ADDR, af == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr)).
        assertThat(hex(IPVS.dumpDestinations(SEED_001.key()).encode(9))).isEqualTo(hex(hex("""
                38 00 00 00  24 00  01 03  09 00 00 00  00 00 00 00   # nlmsghdr: 56 bytes, REQUEST|DUMP
                08 01 00 00                                           # IPVS_CMD_GET_DEST
                24 00 01 80                                           # IPVS_CMD_ATTR_SERVICE, 36 bytes
                06 00 01 00  02 00 00 00
                06 00 02 00  06 00 00 00
                08 00 03 00  0a e7 02 64                              #   ADDR: 4 bytes here
                06 00 04 00  00 50 00 00
                """)));
    }

    @Test
    void destinationsAreCheckedBeforeAnythingIsEncoded() {
        InetAddress a = InetAddress.ofLiteral("10.0.0.1");
        assertThatThrownBy(() -> IpvsDestination.of(a, 80, IpvsForwarding.ROUTE, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsDestination.of(a, 70000, IpvsForwarding.ROUTE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpvsDestination(a, 80, IpvsForwarding.MASQ, 1, 0, 0, java.util.Optional.of(IpvsTunnel.IPIP)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsTunnel.gue(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
