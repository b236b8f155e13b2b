package io.keepalived4j.lb.ipvs;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.os.netlink.IpvsMessages;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.testsupport.NetlinkCapture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From keepalived.conf to the kernel's bytes: the configuration keepalived 2.2.7 ran in the IPVS VM
 * (src/test/resources/ipvs/keepalived-capture.conf, the one lab/ipvs-vm/capture-keepalived.sh
 * writes), mapped by IpvsMapping and encoded, gives exactly the NEW_SERVICE and NEW_DEST messages
 * keepalived sent for it (rr/DR + persistence, wrr/NAT + granularity + sorry server, sh/TUN fwmark
 * with sh-port, IPv6 wlc/NAT).
 */
class IpvsMappingTest {

    private static final Path CONF = Path.of("src/test/resources/ipvs/keepalived-capture.conf");
    private static final List<NetlinkCapture.Message> SENT = NetlinkCapture.read(
            Path.of("src/test/resources/ipvs/keepalived-2.2.7.capture")).stream()
            .filter(m -> m.sent() && m.type() == 0x20).toList();
    private static final IpvsMessages IPVS = IpvsMessages.forFamily(0x20);

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String payload(io.keepalived4j.os.netlink.NetlinkRequest r) {
        byte[] b = r.encode(1);
        return hex(Arrays.copyOfRange(b, 16, b.length));
    }

    private static KeepalivedConfig config() throws Exception {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("capture.conf", Files.readString(CONF), LoadOptions.withConfigId("t"));
        assertThat(r.model()).as(r.diagnostics().toString()).isNotNull();
        return r.model();
    }

    @Test
    void theCaptureScriptWritesThisConfiguration() throws Exception {
        assertThat(Files.readString(Path.of("lab/ipvs-vm/capture-keepalived.sh"))).contains(Files.readString(CONF));
    }

    @Test
    void everyServiceEncodesAsKeepalivedSentIt() throws Exception {
        KeepalivedConfig c = config();
        List<String> theirs = SENT.stream().filter(m -> m.genlCommand() == 1).map(m -> hex(m.payload())).toList();
        List<String> ours = c.lvs().virtualServers().stream()
                .flatMap(vs -> IpvsMapping.services(vs, Map.of()).stream()).map(s -> payload(IPVS.newService(s))).toList();
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    void everyRealServerAndTheSorryServerEncodeAsKeepalivedSentThem() throws Exception {
        KeepalivedConfig c = config();
        List<String> theirs = SENT.stream().filter(m -> m.genlCommand() == 5).map(m -> hex(m.payload())).toList();
        List<String> ours = new java.util.ArrayList<>();
        for (VirtualServer vs : c.lvs().virtualServers()) {
            IpvsService svc = IpvsMapping.services(vs, Map.of()).getFirst();
            for (RealServer rs : vs.realServers()) {
                Destination d = new Destination(rs.address(), rs.port(), rs.forwarding(), false);
                ours.add(payload(IPVS.newDestination(svc, IpvsMapping.destination(vs, d, rs.weight()))));
            }
            vs.sorryServer().ifPresent(s -> ours.add(payload(IPVS.newDestination(svc, IpvsMapping.destination(vs,
                    new Destination(s.address(), s.port(), s.forwarding(), true), 1)))));
        }
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
    }
}
