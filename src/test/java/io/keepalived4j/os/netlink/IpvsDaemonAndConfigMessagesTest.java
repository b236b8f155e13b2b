package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync daemon, timeouts and info requests, as keepalived 2.2.7's libipvs.c sends them. */
class IpvsDaemonAndConfigMessagesTest {

    private static final IpvsMessages IPVS = IpvsMessages.forFamily(0x24);

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void startDaemonWithKernelDefaultsSendsStateInterfaceAndSyncIdOnly() {
        // Seed 001's "lvs_sync_daemon eth0 VI_1": the sync id is the instance's VRID, 51.
        IpvsSyncDaemon master = IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "eth0", 51);

        assertThat(hex(IPVS.startDaemon(master).encode(1))).isEqualTo(hex(hex("""
                34 00 00 00  24 00  05 00  01 00 00 00  00 00 00 00   # nlmsghdr: 52 bytes
                09 01 00 00                                           # IPVS_CMD_NEW_DAEMON
                20 00 03 80                                           # IPVS_CMD_ATTR_DAEMON | NLA_F_NESTED, 32 bytes
                08 00 01 00  01 00 00 00                              #   IPVS_DAEMON_ATTR_STATE IP_VS_STATE_MASTER
                09 00 02 00  65 74 68 30 00  00 00 00                 #   IPVS_DAEMON_ATTR_MCAST_IFN "eth0\\0"
                08 00 03 00  33 00 00 00                              #   IPVS_DAEMON_ATTR_SYNC_ID 51
                """)));
    }

    @Test
    void startDaemonWithMaxlenPortTtlAndIpv4Group() {
        IpvsSyncDaemon backup = IpvsSyncDaemon.of(IpvsSyncDaemon.State.BACKUP, "eth1", 51).withMaxLength(1472)
                .withMulticast(InetAddress.ofLiteral("239.1.2.3"), 8849, 2);

        assertThat(hex(IPVS.startDaemon(backup).encode(2))).isEqualTo(hex(hex("""
                54 00 00 00  24 00  05 00  02 00 00 00  00 00 00 00   # nlmsghdr: 84 bytes
                09 01 00 00
                40 00 03 80                                           # IPVS_CMD_ATTR_DAEMON, 64 bytes
                08 00 01 00  02 00 00 00                              #   STATE IP_VS_STATE_BACKUP
                09 00 02 00  65 74 68 31 00  00 00 00                 #   MCAST_IFN "eth1"
                08 00 03 00  33 00 00 00                              #   SYNC_ID 51
                06 00 04 00  c0 05 00 00                              #   SYNC_MAXLEN u16 1472
                06 00 07 00  91 22 00 00                              #   MCAST_PORT u16 8849 in HOST order (nla_get_u16)
                05 00 08 00  02  00 00 00                             #   MCAST_TTL u8 2
                08 00 05 00  ef 01 02 03                              #   MCAST_GROUP in_addr 239.1.2.3 (network order)
                """)));
    }

    @Test
    void ipv6GroupGoesInMcastGroup6() {
        IpvsSyncDaemon master = IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "eth0", 1)
                .withMulticast(InetAddress.ofLiteral("ff05::1:8848"), 0, 0);

        assertThat(hex(IPVS.startDaemon(master).encode(1))).endsWith(hex(hex("""
                08 00 03 00  01 00 00 00
                14 00 06 00  ff 05 00 00 00 00 00 00 00 00 00 00 00 01 88 48   # MCAST_GROUP6 in6_addr
                """)));
    }

    @Test
    void stopDaemonSendsStateAndSyncId() {
        assertThat(hex(IPVS.stopDaemon(IpvsSyncDaemon.State.MASTER, 51).encode(3))).isEqualTo(hex(hex("""
                28 00 00 00  24 00  05 00  03 00 00 00  00 00 00 00   # nlmsghdr: 40 bytes
                0a 01 00 00                                           # IPVS_CMD_DEL_DAEMON
                14 00 03 80                                           # IPVS_CMD_ATTR_DAEMON, 20 bytes
                08 00 01 00  01 00 00 00                              #   STATE MASTER
                08 00 03 00  33 00 00 00                              #   SYNC_ID 51
                """)));
    }

    @Test
    void dumpDaemonsGetTimeoutsAndGetInfoHaveNoAttributes() {
        assertThat(hex(IPVS.dumpDaemons().encode(4)))
                .isEqualTo("14 00 00 00 24 00 01 03 04 00 00 00 00 00 00 00 0b 01 00 00");
        assertThat(hex(IPVS.getTimeouts().encode(5)))
                .isEqualTo("14 00 00 00 24 00 05 00 05 00 00 00 00 00 00 00 0d 01 00 00");
        assertThat(hex(IPVS.getInfo().encode(6)))
                .isEqualTo("14 00 00 00 24 00 05 00 06 00 00 00 00 00 00 00 0f 01 00 00");
    }

    @Test
    void setTimeoutsSendsAllThreeAtTheTopLevel() {
        // keepalived's lvs_timeouts tcp 900 tcpfin 120 udp 300.
        assertThat(hex(IPVS.setTimeouts(new IpvsTimeouts(900, 120, 300)).encode(7))).isEqualTo(hex(hex("""
                2c 00 00 00  24 00  05 00  07 00 00 00  00 00 00 00   # nlmsghdr: 44 bytes
                0c 01 00 00                                           # IPVS_CMD_SET_CONFIG
                08 00 04 00  84 03 00 00                              # IPVS_CMD_ATTR_TIMEOUT_TCP 900
                08 00 05 00  78 00 00 00                              # IPVS_CMD_ATTR_TIMEOUT_TCP_FIN 120
                08 00 06 00  2c 01 00 00                              # IPVS_CMD_ATTR_TIMEOUT_UDP 300
                """)));
    }

    @Test
    void daemonsAndTimeoutsAreCheckedBeforeAnythingIsEncoded() {
        assertThatThrownBy(() -> IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "x".repeat(16), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "eth0", 1)
                .withMulticast(InetAddress.ofLiteral("10.0.0.1"), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "eth0", 1).withMaxLength(70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpvsTimeouts(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
