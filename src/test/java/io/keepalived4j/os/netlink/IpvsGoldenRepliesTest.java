package io.keepalived4j.os.netlink;

import io.keepalived4j.testsupport.NetlinkCapture;
import io.keepalived4j.testsupport.NetlinkCapture.Message;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IPVS decoders on the real kernel's answers: the replies a 6.1 kernel gave ipvsadm 1.31's
 * dumps and gets in the VM (src/test/resources/ipvs/ipvsadm-1.31.capture), decoded into what
 * {@code ipvsadm -Ln} printed from them.
 */
class IpvsGoldenRepliesTest {

    private static final List<Message> IPVSADM = NetlinkCapture.read(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"));
    private static final int FAMILY = 0x20;

    private static List<NetlinkMessage> replies(String command, int genlCommand) {
        return IPVSADM.stream().filter(m -> !m.sent() && m.command().equals(command) && m.type() == FAMILY
                        && m.genlCommand() == genlCommand)
                .map(m -> {
                    byte[] b = m.bytes(1, 1);
                    return NetlinkMessage.parseAll(b, b.length).getFirst();
                }).toList();
    }

    @Test
    void theServiceDumpDecodesToWhatIpvsadmListed() throws Exception {
        List<IpvsServiceEntry> services = replies("ipvsadm -Ln", 1).stream().map(IpvsReplies::service).toList();
        assertThat(services).hasSize(4);
        IpvsServiceEntry wrr = services.stream().filter(s -> s.service().scheduler().equals("wrr")).findFirst().orElseThrow();
        assertThat(wrr.service().key()).isEqualTo(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP,
                InetAddress.getByName("10.0.0.1"), 80));
        assertThat(wrr.service().flags().flags() & IpvsFlags.PERSISTENT).isEqualTo(IpvsFlags.PERSISTENT);
        assertThat(wrr.service().timeout()).isEqualTo(3600);
        assertThat(wrr.stats()).isPresent();
        IpvsServiceEntry sh = services.stream().filter(s -> s.service().scheduler().equals("sh")).findFirst().orElseThrow();
        assertThat(sh.service().key()).isEqualTo(new IpvsServiceKey.Endpoint(IpvsProtocol.UDP,
                InetAddress.getByName("10.0.0.1"), 53));
        assertThat(sh.service().flags().flags() & (IpvsFlags.SCHED_PORT | IpvsFlags.SCHED_FALLBACK))
                .isEqualTo(IpvsFlags.SCHED_PORT | IpvsFlags.SCHED_FALLBACK);
        IpvsServiceEntry mh = services.stream().filter(s -> s.service().scheduler().equals("mh")).findFirst().orElseThrow();
        assertThat(mh.service().key()).isInstanceOf(IpvsServiceKey.Fwmark.class);
        assertThat(((IpvsServiceKey.Fwmark) mh.service().key()).mark()).isEqualTo(7);
        IpvsServiceEntry v6 = services.stream().filter(s -> s.service().scheduler().equals("wlc")).findFirst().orElseThrow();
        assertThat(v6.service().key()).isEqualTo(new IpvsServiceKey.Endpoint(IpvsProtocol.TCP,
                InetAddress.getByName("2001:db8::1"), 443));
        assertThat(v6.service().timeout()).isEqualTo(60);
        assertThat(v6.service().netmask()).as("IPv6 granularity: a prefix length").isEqualTo(64);
    }

    @Test
    void theDestinationDumpDecodesWeightsForwardingAndThresholds() throws Exception {
        List<IpvsDestinationEntry> dests = replies("ipvsadm -Ln -t 10.0.0.1:80", 5).stream()
                .map(m -> IpvsReplies.destination(m, AddressFamily.AF_INET)).toList();
        assertThat(dests).extracting(d -> d.destination().address()).containsExactlyInAnyOrder(
                InetAddress.getByName("10.0.0.21"), InetAddress.getByName("10.0.0.22"));
        IpvsDestination dr = dests.stream().map(IpvsDestinationEntry::destination)
                .filter(d -> d.port() == 80).findFirst().orElseThrow();
        assertThat(dr.forwarding()).isEqualTo(IpvsForwarding.ROUTE);
        assertThat(dr.weight()).isEqualTo(3);
        IpvsDestination nat = dests.stream().map(IpvsDestinationEntry::destination)
                .filter(d -> d.port() == 8080).findFirst().orElseThrow();
        assertThat(nat.forwarding()).isEqualTo(IpvsForwarding.MASQ);
        assertThat(nat.weight()).as("after ipvsadm -e ... -w 0").isZero();
        // ipvsadm -e sends every field: without -x/-y it set the thresholds back to 0.
        assertThat(nat.upperThreshold()).isZero();
        assertThat(nat.lowerThreshold()).isZero();
        assertThat(dests).allSatisfy(d -> assertThat(d.stats()).isPresent());
    }

    @Test
    void timeoutsDaemonAndInfoAsTheKernelReported() {
        // The kernel answers GET_CONFIG with SET_CONFIG (12), GET_DAEMON with NEW_DAEMON (9) and
        // GET_INFO with SET_INFO (14).
        IpvsTimeouts t = IpvsReplies.timeouts(replies("ipvsadm -L --timeout", 12).getFirst());
        assertThat(t).isEqualTo(new IpvsTimeouts(900, 120, 300));
        List<NetlinkMessage> daemons = replies("ipvsadm -L --daemon", 9);
        assertThat(daemons).hasSize(1);
        IpvsSyncDaemon d = IpvsReplies.daemon(daemons.getFirst());
        assertThat(d.state()).isEqualTo(IpvsSyncDaemon.State.MASTER);
        assertThat(d.interfaceName()).isEqualTo("lo");
        assertThat(d.syncId()).isEqualTo(51);
        IpvsInfo info = IpvsReplies.info(replies("ipvsadm -Ln", 14).getFirst());
        assertThat(info.connectionTableSize()).isEqualTo(4096);
    }
}
