package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's IPVS answers, written as {@code ip_vs_ctl.c} fills them on x86-64 (nests without
 * NLA_F_NESTED, 16-byte addresses, STATS then STATS64, no pad attributes where unaligned u64
 * access is cheap), decoded field by field.
 */
class IpvsRepliesTest {

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void getServiceDumpWithStats64AndAnOldKernelsFwmarkServiceThenDone() {
        byte[] datagram = Bytes.hex("""
                40 01 00 00  24 00  02 00  07 00 00 00  2e 16 00 00   # nlmsghdr: 320 bytes, IPVS, NLM_F_MULTI, seq 7
                01 01 00 00                                           # IPVS_CMD_NEW_SERVICE, version 1
                2c 01 01 00                                           # IPVS_CMD_ATTR_SERVICE, 300 bytes
                06 00 01 00  02 00 00 00                              #   AF AF_INET
                06 00 02 00  06 00 00 00                              #   PROTOCOL TCP
                14 00 03 00  0a e7 02 64 00 00 00 00 00 00 00 00 00 00 00 00   # ADDR 10.231.2.100
                06 00 04 00  00 50 00 00                              #   PORT 80
                08 00 06 00  77 72 72 00                              #   SCHED_NAME "wrr"
                0c 00 07 00  03 00 00 00  ff ff ff ff                 #   FLAGS {PERSISTENT|HASHED, ~0}
                08 00 08 00  10 0e 00 00                              #   TIMEOUT 3600
                08 00 09 00  ff ff ff ff                              #   NETMASK 255.255.255.255
                5c 00 0a 00                                           #   IPVS_SVC_ATTR_STATS, 92 bytes
                08 00 01 00  b0 04 00 00                              #     CONNS u32 1200
                08 00 02 00  00 f2 05 2a                              #     INPKTS u32: 5,000,000,000 cut to 32 bits
                08 00 03 00  00 00 00 00                              #     OUTPKTS 0 (DR: replies bypass the director)
                0c 00 04 00  00 2e 87 e4 05 00 00 00                  #     INBYTES u64 25,308,900,864
                0c 00 05 00  00 00 00 00 00 00 00 00                  #     OUTBYTES u64 0
                08 00 06 00  02 00 00 00                              #     CPS 2
                08 00 07 00  96 00 00 00                              #     INPPS 150
                08 00 08 00  00 00 00 00                              #     OUTPPS 0
                08 00 09 00  28 23 00 00                              #     INBPS 9000
                08 00 0a 00  00 00 00 00                              #     OUTBPS 0
                7c 00 0c 00                                           #   IPVS_SVC_ATTR_STATS64, 124 bytes
                0c 00 01 00  b0 04 00 00 00 00 00 00                  #     CONNS 1200
                0c 00 02 00  00 f2 05 2a 01 00 00 00                  #     INPKTS 5,000,000,000
                0c 00 03 00  00 00 00 00 00 00 00 00
                0c 00 04 00  00 2e 87 e4 05 00 00 00
                0c 00 05 00  00 00 00 00 00 00 00 00
                0c 00 06 00  02 00 00 00 00 00 00 00
                0c 00 07 00  96 00 00 00 00 00 00 00
                0c 00 08 00  00 00 00 00 00 00 00 00
                0c 00 09 00  28 23 00 00 00 00 00 00
                0c 00 0a 00  00 00 00 00 00 00 00 00

                a8 00 00 00  24 00  02 00  07 00 00 00  2e 16 00 00   # nlmsghdr: 168 bytes, second part (a pre-4.1 kernel: no STATS64)
                01 01 00 00
                94 00 01 00                                           # IPVS_CMD_ATTR_SERVICE, 148 bytes
                06 00 01 00  0a 00 00 00                              #   AF AF_INET6
                08 00 05 00  05 00 00 00                              #   FWMARK 5
                07 00 06 00  73 68 00 00                              #   SCHED_NAME "sh"
                0c 00 07 00  1a 00 00 00  ff ff ff ff                 #   FLAGS {HASHED|SCHED1|SCHED2, ~0}
                08 00 08 00  00 00 00 00                              #   TIMEOUT 0
                08 00 09 00  80 00 00 00                              #   NETMASK: prefix length 128, host order
                5c 00 0a 00                                           #   STATS, all zero
                08 00 01 00 00 00 00 00  08 00 02 00 00 00 00 00  08 00 03 00 00 00 00 00
                0c 00 04 00 00 00 00 00 00 00 00 00  0c 00 05 00 00 00 00 00 00 00 00 00
                08 00 06 00 00 00 00 00  08 00 07 00 00 00 00 00  08 00 08 00 00 00 00 00
                08 00 09 00 00 00 00 00  08 00 0a 00 00 00 00 00

                14 00 00 00  03 00  02 00  07 00 00 00  2e 16 00 00   # NLMSG_DONE
                00 00 00 00
                """);

        List<NetlinkMessage> parts = NetlinkMessage.parseAll(datagram, datagram.length);

        assertThat(parts).hasSize(3);
        assertThat(parts.get(2).header().type()).isEqualTo(NlMsgType.DONE);
        IpvsServiceEntry web = IpvsReplies.service(parts.get(0));
        assertThat(web.service().key()).isEqualTo(
                new IpvsServiceKey.Endpoint(IpvsProtocol.TCP, InetAddress.ofLiteral("10.231.2.100"), 80));
        assertThat(web.service().scheduler()).isEqualTo("wrr");
        assertThat(web.service().flags()).isEqualTo(IpvsFlags.of(IpvsFlags.PERSISTENT | IpvsFlags.HASHED));
        assertThat(web.service().timeout()).isEqualTo(3600);
        assertThat(web.service().netmask()).isEqualTo(0xffffffff);
        assertThat(web.service().persistenceEngine()).isEmpty();
        // What keepalived would have asked for, once the kernel's HASHED bit is set aside.
        assertThat(web.service().withFlags(web.service().flags().withoutHashed())).isEqualTo(IpvsServiceMessagesTest.SEED_001);
        assertThat(web.stats()).contains(new IpvsStats(1200, 5_000_000_000L, 0, 25_308_900_864L, 0, 2, 150, 0, 9000, 0));

        IpvsServiceEntry marked = IpvsReplies.service(parts.get(1));
        assertThat(marked.service().key()).isEqualTo(new IpvsServiceKey.Fwmark(AddressFamily.AF_INET6, 5));
        assertThat(marked.service().netmask()).isEqualTo(128);
        assertThat(marked.service().flags().has(IpvsFlags.SCHED_FALLBACK | IpvsFlags.SCHED_PORT)).isTrue();
        assertThat(marked.stats()).contains(IpvsStats.ZERO);
    }

    @Test
    void getDestReplyWithConnectionCountsAndStats64() {
        NetlinkMessage m = Bytes.single("""
                64 01 00 00  24 00  02 00  09 00 00 00  2e 16 00 00   # nlmsghdr: 356 bytes, NLM_F_MULTI
                05 01 00 00                                           # IPVS_CMD_NEW_DEST
                50 01 02 00                                           # IPVS_CMD_ATTR_DEST, 336 bytes
                14 00 01 00  0a e7 02 15 00 00 00 00 00 00 00 00 00 00 00 00   # ADDR 10.231.2.21
                06 00 02 00  00 50 00 00                              #   PORT 80
                08 00 03 00  03 00 00 00                              #   FWD_METHOD DROUTE
                08 00 04 00  01 00 00 00                              #   WEIGHT 1
                05 00 0d 00  00 00 00 00                              #   TUN_TYPE 0 (sent for every destination since 5.2)
                06 00 0e 00  00 00 00 00                              #   TUN_PORT 0
                06 00 0f 00  00 00 00 00                              #   TUN_FLAGS 0
                08 00 05 00  00 00 00 00                              #   U_THRESH 0
                08 00 06 00  00 00 00 00                              #   L_THRESH 0
                08 00 07 00  0c 00 00 00                              #   ACTIVE_CONNS 12
                08 00 08 00  03 00 00 00                              #   INACT_CONNS 3
                08 00 09 00  07 00 00 00                              #   PERSIST_CONNS 7
                06 00 0b 00  02 00 00 00                              #   ADDR_FAMILY AF_INET
                5c 00 0a 00                                           #   STATS
                08 00 01 00 16 00 00 00  08 00 02 00 e8 03 00 00  08 00 03 00 00 00 00 00
                0c 00 04 00 40 42 0f 00 00 00 00 00  0c 00 05 00 00 00 00 00 00 00 00 00
                08 00 06 00 01 00 00 00  08 00 07 00 0a 00 00 00  08 00 08 00 00 00 00 00
                08 00 09 00 00 04 00 00  08 00 0a 00 00 00 00 00
                7c 00 0c 00                                           #   STATS64
                0c 00 01 00 16 00 00 00 00 00 00 00  0c 00 02 00 e8 03 00 00 00 00 00 00
                0c 00 03 00 00 00 00 00 00 00 00 00  0c 00 04 00 40 42 0f 00 00 00 00 00
                0c 00 05 00 00 00 00 00 00 00 00 00  0c 00 06 00 01 00 00 00 00 00 00 00
                0c 00 07 00 0a 00 00 00 00 00 00 00  0c 00 08 00 00 00 00 00 00 00 00 00
                0c 00 09 00 00 04 00 00 00 00 00 00  0c 00 0a 00 00 00 00 00 00 00 00 00
                """);

        IpvsDestinationEntry e = IpvsReplies.destination(m, AddressFamily.AF_INET);

        assertThat(e.destination()).isEqualTo(
                IpvsDestination.of(InetAddress.ofLiteral("10.231.2.21"), 80, IpvsForwarding.ROUTE, 1));
        assertThat(e.activeConnections()).isEqualTo(12);
        assertThat(e.inactiveConnections()).isEqualTo(3);
        assertThat(e.persistentConnections()).isEqualTo(7);
        assertThat(e.stats()).contains(new IpvsStats(22, 1000, 0, 1_000_000, 0, 1, 10, 0, 1024, 0));
    }

    @Test
    void tunnelDestinationReadsTypePortAndFlags() {
        NetlinkMessage m = Bytes.single("""
                84 00 00 00  24 00  02 00  09 00 00 00  00 00 00 00   # 132 bytes
                05 01 00 00
                70 00 02 00                                           # IPVS_CMD_ATTR_DEST, 112 bytes
                14 00 01 00  0a e7 02 16 00 00 00 00 00 00 00 00 00 00 00 00
                06 00 02 00  00 50 00 00
                08 00 03 00  02 00 00 00                              #   FWD_METHOD TUNNEL
                08 00 04 00  03 00 00 00                              #   WEIGHT 3
                05 00 0d 00  01 00 00 00                              #   TUN_TYPE GUE
                06 00 0e 00  17 c0 00 00                              #   TUN_PORT be16 6080
                06 00 0f 00  01 00 00 00                              #   TUN_FLAGS CSUM
                08 00 05 00  e8 03 00 00                              #   U_THRESH 1000
                08 00 06 00  20 03 00 00                              #   L_THRESH 800
                08 00 07 00  00 00 00 00  08 00 08 00 00 00 00 00  08 00 09 00 00 00 00 00
                """);

        IpvsDestinationEntry e = IpvsReplies.destination(m, AddressFamily.AF_INET);

        assertThat(e.destination()).isEqualTo(IpvsDestination.of(InetAddress.ofLiteral("10.231.2.22"), 80,
                IpvsForwarding.TUNNEL, 3).withTunnel(IpvsTunnel.gue(6080, IpvsTunnel.FLAG_CSUM)).withThresholds(1000, 800));
        assertThat(e.stats()).isEmpty();
    }

    @Test
    void destinationWithoutAddressFamilyTakesTheServicesAsKeepalivedDoes() {
        // A pre-3.18 kernel: no IPVS_DEST_ATTR_ADDR_FAMILY, no tunnel attributes, no stats64.
        NetlinkMessage m = Bytes.single("""
                6c 00 00 00  24 00  02 00  09 00 00 00  00 00 00 00   # 108 bytes
                05 01 00 00
                58 00 02 00                                           # IPVS_CMD_ATTR_DEST, 88 bytes
                14 00 01 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 21   # ADDR 2001:db8::21
                06 00 02 00  20 fb 00 00                              #   PORT 8443
                08 00 03 00  00 00 00 00                              #   FWD_METHOD MASQ
                08 00 04 00  05 00 00 00                              #   WEIGHT 5
                08 00 05 00  00 00 00 00  08 00 06 00  00 00 00 00
                08 00 07 00  01 00 00 00  08 00 08 00  00 00 00 00  08 00 09 00  00 00 00 00
                """);

        IpvsDestinationEntry e = IpvsReplies.destination(m, AddressFamily.AF_INET6);

        assertThat(e.destination()).isEqualTo(
                IpvsDestination.of(InetAddress.ofLiteral("2001:db8::21"), 8443, IpvsForwarding.MASQ, 5));
        assertThat(e.activeConnections()).isEqualTo(1);
    }

    @Test
    void getDaemonReplyWithTheKernelsDefaults() {
        NetlinkMessage m = Bytes.single("""
                54 00 00 00  24 00  02 00  0b 00 00 00  00 00 00 00   # 84 bytes, NLM_F_MULTI
                09 01 00 00                                           # IPVS_CMD_NEW_DAEMON
                40 00 03 00                                           # IPVS_CMD_ATTR_DAEMON, 64 bytes
                08 00 01 00  01 00 00 00                              #   STATE MASTER
                09 00 02 00  65 74 68 30 00 00 00 00                  #   MCAST_IFN "eth0"
                08 00 03 00  33 00 00 00                              #   SYNC_ID 51
                06 00 04 00  c0 05 00 00                              #   SYNC_MAXLEN 1472 (from the MTU)
                06 00 07 00  90 22 00 00                              #   MCAST_PORT 8848, host order
                05 00 08 00  01 00 00 00                              #   MCAST_TTL 1
                08 00 05 00  e0 00 00 51                              #   MCAST_GROUP 224.0.0.81
                """);

        IpvsSyncDaemon d = IpvsReplies.daemon(m);

        assertThat(d).isEqualTo(IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "eth0", 51).withMaxLength(1472)
                .withMulticast(InetAddress.ofLiteral("224.0.0.81"), 8848, 1));
    }

    @Test
    void preV2DaemonHasOnlyStateInterfaceAndId() {
        NetlinkMessage m = Bytes.single("""
                34 00 00 00  24 00  02 00  0b 00 00 00  00 00 00 00
                09 01 00 00
                20 00 03 00
                08 00 01 00  02 00 00 00  09 00 02 00  65 74 68 31 00 00 00 00  08 00 03 00  07 00 00 00
                """);

        assertThat(IpvsReplies.daemon(m)).isEqualTo(new IpvsSyncDaemon(IpvsSyncDaemon.State.BACKUP, "eth1", 7, 0, 0, 0,
                Optional.empty()));
    }

    @Test
    void getConfigAndGetInfoReplies() {
        NetlinkMessage config = Bytes.single("""
                2c 00 00 00  24 00  00 00  05 00 00 00  00 00 00 00
                0c 01 00 00                                           # IPVS_CMD_SET_CONFIG
                08 00 04 00  84 03 00 00  08 00 05 00  78 00 00 00  08 00 06 00  2c 01 00 00
                """);
        NetlinkMessage info = Bytes.single("""
                24 00 00 00  24 00  00 00  06 00 00 00  00 00 00 00
                0e 01 00 00                                           # IPVS_CMD_SET_INFO
                08 00 01 00  01 02 01 00                              # IPVS_INFO_ATTR_VERSION 0x010201
                08 00 02 00  00 10 00 00                              # IPVS_INFO_ATTR_CONN_TAB_SIZE 4096
                """);

        assertThat(IpvsReplies.timeouts(config)).isEqualTo(new IpvsTimeouts(900, 120, 300));
        IpvsInfo i = IpvsReplies.info(info);
        assertThat(i.versionText()).isEqualTo("1.2.1");
        assertThat(i.connectionTableSize()).isEqualTo(4096);
    }

    @Test
    void encodedServicesAndDaemonsDecodeToThemselves() {
        // NEW_SERVICE and NEW_DAEMON are both the requests' and the replies' commands.
        IpvsMessages ipvs = IpvsMessages.forFamily(0x24);
        List<IpvsService> services = List.of(
                IpvsServiceMessagesTest.SEED_001,
                IpvsService.of(IpvsServiceKey.of(IpvsProtocol.SCTP, InetAddress.ofLiteral("2001:db8::1"), 3868), "mh")
                        .withFlags(IpvsFlags.of(IpvsFlags.SCHED_PORT)).persistent(10).withGranularity(48),
                IpvsService.of(IpvsServiceKey.of(IpvsProtocol.UDP, InetAddress.ofLiteral("192.0.2.1"), 0), "lblcr")
                        .withPersistenceEngine("sip").persistent(60).withGranularity(16),
                IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.AF_INET, 0x7fffffff), "fo"));
        for (IpvsService s : services) {
            NetlinkMessage m = Bytes.single(Bytes.hex(ipvs.newService(s).encode(1)));
            assertThat(IpvsReplies.service(m)).isEqualTo(new IpvsServiceEntry(s, Optional.empty()));
        }
        IpvsSyncDaemon d = IpvsSyncDaemon.of(IpvsSyncDaemon.State.BACKUP, "bond0.12", 200)
                .withMulticast(InetAddress.ofLiteral("ff02::8848"), 9000, 5).withMaxLength(9000);
        assertThat(IpvsReplies.daemon(Bytes.single(Bytes.hex(ipvs.startDaemon(d).encode(1))))).isEqualTo(d);
    }
}
