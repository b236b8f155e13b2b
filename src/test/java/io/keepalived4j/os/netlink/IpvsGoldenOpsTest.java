package io.keepalived4j.os.netlink;

import io.keepalived4j.testsupport.NetlinkCapture;
import io.keepalived4j.testsupport.NetlinkCapture.Message;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden bytes for the rest of the IPVS messages the back end sends (IpvsGoldenBytesTest has new
 * services and destinations): what keepalived 2.2.7's checker process sent for lvs_flush,
 * lvs_timeouts, lvs_sync_daemon (start and stop) and its stop (src/test/resources/ipvs/
 * keepalived-2.2.7-ops.capture, lab/ipvs-vm/capture-keepalived-ops.sh), and what ipvsadm 1.31 sent
 * to edit a service and to list the table, the timeouts and the daemons, and the family lookup.
 * The genl payload (command, version, attributes) must be byte-identical; a dump's netlink flags
 * may differ (libnl adds ACK to dumps, which the kernel ignores for them).
 */
class IpvsGoldenOpsTest {

    private static final List<Message> KEEPALIVED = NetlinkCapture.read(Path.of("src/test/resources/ipvs/keepalived-2.2.7-ops.capture"));
    private static final List<Message> IPVSADM = NetlinkCapture.read(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"));
    private static final int FAMILY = 0x20;
    private static final IpvsMessages IPVS = IpvsMessages.forFamily(FAMILY);

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    private static String payload(NetlinkRequest r) {
        byte[] encoded = r.encode(1);
        return hex(Arrays.copyOfRange(encoded, 16, encoded.length));
    }

    private static List<Message> sent(List<Message> in, int type, int genlCommand, Predicate<Message> which) {
        List<Message> out = in.stream().filter(m -> m.sent() && m.type() == type && m.genlCommand() == genlCommand)
                .filter(which).toList();
        assertThat(out).as("the capture has genl command " + genlCommand).isNotEmpty();
        return out;
    }

    private static void assertSame(NetlinkRequest ours, List<Message> theirs) {
        for (Message m : theirs) {
            assertThat(payload(ours)).as(m.command()).isEqualTo(hex(m.payload()));
        }
    }

    private static InetAddress ip(String a) throws Exception {
        return InetAddress.getByName(a);
    }

    @Test
    void lvsFlushIsAFlush() {
        assertSame(IPVS.flush(), sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_FLUSH, m -> true));
        assertSame(IPVS.flush(), sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_FLUSH, m -> true));
    }

    /** keepalived reads the kernel's timeouts, sets its own, and puts the kernel's back at its stop. */
    @Test
    void lvsTimeoutsAreSetAndTheKernelsOwnRestored() {
        assertSame(IPVS.getTimeouts(), sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_GET_CONFIG, m -> true));
        List<Message> sets = sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_SET_CONFIG, m -> true);
        assertThat(sets).hasSize(2);
        assertSame(IPVS.setTimeouts(new IpvsTimeouts(901, 121, 301)), sets.subList(0, 1));
        assertSame(IPVS.setTimeouts(new IpvsTimeouts(900, 120, 300)), sets.subList(1, 2));
    }

    @Test
    void theSyncDaemonsStartWithEveryOption() throws Exception {
        List<Message> starts = sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_NEW_DAEMON, m -> true);
        assertThat(starts).hasSize(2);
        for (IpvsSyncDaemon.State s : IpvsSyncDaemon.State.values()) {
            IpvsSyncDaemon d = new IpvsSyncDaemon(s, "sync0", 53, 1400, 8850, 3, Optional.of(ip("239.1.1.1")));
            assertThat(starts).extracting(m -> hex(m.payload())).contains(payload(IPVS.startDaemon(d)));
        }
    }

    @Test
    void theSyncDaemonsStop() {
        List<Message> stops = sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_DEL_DAEMON, m -> true);
        assertThat(stops).extracting(m -> hex(m.payload()))
                .contains(payload(IPVS.stopDaemon(IpvsSyncDaemon.State.MASTER, 0)),
                        payload(IPVS.stopDaemon(IpvsSyncDaemon.State.BACKUP, 0)));
    }

    @Test
    void theStopDeletesTheDestinationThenTheService() throws Exception {
        IpvsService svc = IpvsService.of(IpvsServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.5"), 80), "rr");
        assertSame(IPVS.deleteDestination(svc, IpvsDestination.of(ip("10.0.0.51"), 80, IpvsForwarding.MASQ, 4)),
                sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_DEL_DEST, m -> true));
        assertSame(IPVS.deleteService(svc), sent(KEEPALIVED, FAMILY, IpvsGenl.IPVS_CMD_DEL_SERVICE, m -> true));
    }

    @Test
    void anEditedServiceIsASetService() throws Exception {
        IpvsService svc = new IpvsService(IpvsServiceKey.of(IpvsProtocol.TCP, ip("10.0.0.1"), 80), "rr",
                new IpvsFlags(IpvsFlags.PERSISTENT, 0xffffffff), 600, 0xffffff00, Optional.empty());
        assertSame(IPVS.setService(svc), sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_SET_SERVICE, m -> true));
    }

    @Test
    void theListingRequests() throws Exception {
        assertSame(IPVS.getInfo(), sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_GET_INFO, m -> m.command().equals("ipvsadm -Ln")));
        assertSame(IPVS.dumpServices(), sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_GET_SERVICE, m -> m.command().equals("ipvsadm -Ln")));
        assertSame(IPVS.dumpDestinations(IpvsServiceKey.fwmark(AddressFamily.AF_INET, 7)),
                sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_GET_DEST, m -> m.command().equals("ipvsadm -Ln")
                        && hex(m.payload()).contains("07 00 00 00")).subList(0, 1));
        assertSame(IPVS.getTimeouts(), sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_GET_CONFIG, m -> true));
        assertSame(IPVS.dumpDaemons(), sent(IPVSADM, FAMILY, IpvsGenl.IPVS_CMD_GET_DAEMON, m -> true));
    }

    @Test
    void theFamilyIsLookedUpByName() {
        List<Message> lookups = sent(KEEPALIVED, GenlControlMessages.GENL_ID_CTRL, GenlControlMessages.CTRL_CMD_GETFAMILY, m -> true);
        assertSame(GenlControlMessages.getFamily("IPVS"), lookups);
    }
}
