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
 * The IPVS encoder against the golden bytes: the genl payload it builds for a command equals, byte
 * for byte, what keepalived 2.2.7 (or ipvsadm 1.31) sent to a real IPVS kernel for the same
 * command (src/test/resources/ipvs, lab/ipvs-vm/README.md). Headers differ only in sequence and
 * port id.
 */
class IpvsGoldenBytesTest {

    private static final List<Message> KEEPALIVED = NetlinkCapture.read(Path.of("src/test/resources/ipvs/keepalived-2.2.7.capture"));
    private static final List<Message> IPVSADM = NetlinkCapture.read(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"));
    private static final int FAMILY = 0x20; // the id the guest kernel gave "IPVS" in these captures
    private static final IpvsMessages IPVS = IpvsMessages.forFamily(FAMILY);

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    private static void assertSame(NetlinkRequest ours, Message theirs) {
        byte[] encoded = ours.encode(1);
        byte[] payload = Arrays.copyOfRange(encoded, 16, encoded.length);
        assertThat(hex(payload)).as(theirs.command()).isEqualTo(hex(theirs.payload()));
        assertThat(encoded.length).isEqualTo(theirs.length());
    }

    private static Message sent(List<Message> in, int genlCommand, Predicate<Message> which) {
        return in.stream().filter(m -> m.sent() && m.type() == FAMILY && m.genlCommand() == genlCommand)
                .filter(which).findFirst().orElseThrow();
    }

    private static Predicate<Message> contains(int... bytes) {
        byte[] needle = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            needle[i] = (byte) bytes[i];
        }
        return m -> hex(m.payload()).contains(hex(needle));
    }

    private static InetAddress ip(String a) throws Exception {
        return InetAddress.getByName(a);
    }

    @Test
    void keepalivedsPersistentWrrServiceWithGranularity() throws Exception {
        IpvsService svc = new IpvsService(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP, ip("10.0.0.2"), 80), "wrr",
                new IpvsFlags(IpvsFlags.PERSISTENT, 0xffffffff), 3600, 0xffffff00, Optional.empty());
        assertSame(IPVS.newService(svc), sent(KEEPALIVED, 1, contains(10, 0, 0, 2)));
    }

    @Test
    void ipvsadmsPersistentWrrService() throws Exception {
        IpvsService svc = new IpvsService(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP, ip("10.0.0.1"), 80), "wrr",
                new IpvsFlags(IpvsFlags.PERSISTENT, 0xffffffff), 3600, 0xffffffff, Optional.empty());
        assertSame(IPVS.newService(svc), sent(IPVSADM, 1, m -> m.command().equals("ipvsadm -A -t 10.0.0.1:80 -s wrr -p 3600")));
    }

    @Test
    void keepalivedsTimeouts() {
        assertSame(IPVS.setTimeouts(new IpvsTimeouts(900, 120, 300)), sent(KEEPALIVED, 12, m -> true));
    }

    @Test
    void keepalivedsDestinations() throws Exception {
        IpvsService dr = new IpvsService(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP, ip("10.0.0.1"), 80), "rr",
                new IpvsFlags(IpvsFlags.PERSISTENT, 0xffffffff), 50, 0xffffffff, Optional.empty());
        assertSame(IPVS.newDestination(dr, IpvsDestination.of(ip("10.0.0.21"), 80, IpvsForwarding.ROUTE, 1)),
                sent(KEEPALIVED, 5, contains(10, 0, 0, 21)));
        // inhibit_on_failure: weight 0 by IPVS_CMD_SET_DEST.
        assertSame(IPVS.setDestination(dr, IpvsDestination.of(ip("10.0.0.22"), 80, IpvsForwarding.ROUTE, 0)),
                sent(KEEPALIVED, 6, contains(10, 0, 0, 22)));
        assertSame(IPVS.deleteDestination(dr, IpvsDestination.of(ip("10.0.0.21"), 80, IpvsForwarding.ROUTE, 1)),
                sent(KEEPALIVED, 7, contains(10, 0, 0, 21)));
        IpvsService nat = new IpvsService(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP, ip("10.0.0.2"), 80), "wrr",
                new IpvsFlags(IpvsFlags.PERSISTENT, 0xffffffff), 3600, 0xffffff00, Optional.empty());
        assertSame(IPVS.newDestination(nat, IpvsDestination.of(ip("10.0.0.31"), 8080, IpvsForwarding.MASQ, 3)),
                sent(KEEPALIVED, 5, contains(10, 0, 0, 31)));
        // The sorry server, added when the pool emptied.
        assertSame(IPVS.newDestination(nat, IpvsDestination.of(ip("10.0.0.99"), 8080, IpvsForwarding.MASQ, 1)),
                sent(KEEPALIVED, 5, contains(10, 0, 0, 99)));
    }
}
