package io.keepalived4j.os.netlink;

import io.keepalived4j.testsupport.NetlinkCapture;
import io.keepalived4j.testsupport.NetlinkCapture.Message;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden bytes of the IPVS back end: what Debian's ipvsadm 1.31 and keepalived 2.2.7 sent to
 * a real IPVS kernel (6.1, in the VM of lab/ipvs-vm) and what it answered, recorded with strace.
 * These tests pin down the wire format those tools use (family id lookup, commands, nested
 * attributes, byte orders), so the back end's encoder is checked against real bytes.
 */
class IpvsCaptureTest {

    private static final List<Message> IPVSADM = NetlinkCapture.read(Path.of("src/test/resources/ipvs/ipvsadm-1.31.capture"));
    private static final List<Message> KEEPALIVED = NetlinkCapture.read(Path.of("src/test/resources/ipvs/keepalived-2.2.7.capture"));
    private static final int NLA_F_NESTED = 0x8000;

    /** Top-level attributes after the 4-byte genl header: type (without flags) to value. */
    private static Map<Integer, byte[]> attributes(byte[] b, int from, int to) {
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = from;
        while (at + 4 <= to) {
            int len = buf.getShort(at) & 0xffff;
            int type = buf.getShort(at + 2) & 0xffff;
            assertThat(len).as("attribute length at " + at).isBetween(4, to - at);
            byte[] v = new byte[len - 4];
            System.arraycopy(b, at + 4, v, 0, v.length);
            out.put(type & ~NLA_F_NESTED, v);
            at += (len + 3) & ~3;
        }
        return out;
    }

    private static Map<Integer, byte[]> nested(byte[] v) {
        return attributes(v, 0, v.length);
    }

    private static int u16(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    }

    private static int u32(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static int be16(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
    }

    private static Message sent(List<Message> in, String command, int genlCommand) {
        return in.stream().filter(m -> m.sent() && m.command().equals(command) && m.type() != 0x10
                && m.genlCommand() == genlCommand).findFirst().orElseThrow(() ->
                new AssertionError("no genl command " + genlCommand + " sent for " + command));
    }

    @Test
    void everyRecordedMessageIsWhole() {
        assertThat(IPVSADM).hasSizeGreaterThan(100);
        assertThat(KEEPALIVED.stream().filter(Message::sent)).hasSize(19);
        for (Message m : List.of(IPVSADM, KEEPALIVED).stream().flatMap(List::stream).toList()) {
            if (m.type() != 2) { // NLMSG_ERROR payloads are decoded by strace, not dumped
                assertThat(16 + m.payload().length).as(m.command() + " type " + m.type()).isEqualTo(m.length());
            }
        }
    }

    @Test
    void theFamilyIsLookedUpByNameAndItsIdUsedForEveryCommand() {
        Message ask = IPVSADM.stream().filter(m -> m.sent() && m.type() == 0x10).findFirst().orElseThrow();
        // CTRL_CMD_GETFAMILY (3), version 1, CTRL_ATTR_FAMILY_NAME (2) "IPVS\0".
        assertThat(ask.genlCommand()).isEqualTo(3);
        assertThat(new String(attributes(ask.payload(), 4, ask.payload().length).get(2), StandardCharsets.US_ASCII))
                .isEqualTo("IPVS\0");
        Message reply = IPVSADM.stream().filter(m -> !m.sent() && m.type() == 0x10).findFirst().orElseThrow();
        Map<Integer, byte[]> a = attributes(reply.payload(), 4, reply.payload().length);
        int familyId = u16(a.get(1)); // CTRL_ATTR_FAMILY_ID
        assertThat(IPVSADM.stream().filter(m -> m.sent() && m.type() != 0x10)).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(familyId);
            assertThat(m.payload()[1]).as("IPVS_GENL_VERSION").isEqualTo((byte) 1);
        });
    }

    @Test
    void ipvsadmsPersistentWrrServiceAsTheKernelWantsIt() {
        Message m = sent(IPVSADM, "ipvsadm -A -t 10.0.0.1:80 -s wrr -p 3600", 1); // IPVS_CMD_NEW_SERVICE
        assertThat(m.flags()).isEqualTo("NLM_F_REQUEST|NLM_F_ACK");
        Map<Integer, byte[]> svc = nested(attributes(m.payload(), 4, m.payload().length).get(1)); // IPVS_CMD_ATTR_SERVICE
        assertThat(svc.keySet()).containsExactly(1, 2, 3, 4, 6, 7, 8, 9);
        assertThat(u16(svc.get(1))).as("AF (host order)").isEqualTo(2);
        assertThat(u16(svc.get(2))).as("protocol").isEqualTo(6);
        assertThat(svc.get(3)).as("address: 16 bytes, IPv4 first").startsWith(10, 0, 0, 1).hasSize(16);
        assertThat(be16(svc.get(4))).as("port (network order)").isEqualTo(80);
        assertThat(new String(svc.get(6), StandardCharsets.US_ASCII)).isEqualTo("wrr\0");
        // struct ip_vs_flags { flags, mask }: persistent, every bit meant.
        assertThat(u32(java.util.Arrays.copyOfRange(svc.get(7), 0, 4))).isEqualTo(0x1);
        assertThat(u32(java.util.Arrays.copyOfRange(svc.get(7), 4, 8))).isEqualTo(0xffffffff);
        assertThat(u32(svc.get(8))).as("timeout (host order)").isEqualTo(3600);
        assertThat(u32(svc.get(9))).as("netmask").isEqualTo(0xffffffff);
    }

    @Test
    void ipvsadmsDestinationCarriesForwardingWeightAndThresholds() {
        Message m = sent(IPVSADM, "ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.22:8080 -m -w 1 -x 100 -y 50", 5); // NEW_DEST
        Map<Integer, byte[]> top = attributes(m.payload(), 4, m.payload().length);
        assertThat(top.keySet()).contains(1, 2); // the service it belongs to, then the destination
        Map<Integer, byte[]> dest = nested(top.get(2));
        assertThat(dest.get(1)).as("address").startsWith(10, 0, 0, 22);
        assertThat(be16(dest.get(2))).as("port").isEqualTo(8080);
        assertThat(u32(dest.get(3))).as("forwarding: IP_VS_CONN_F_MASQ").isEqualTo(0);
        assertThat(u32(dest.get(4))).as("weight").isEqualTo(1);
        assertThat(u32(dest.get(5))).as("u_threshold").isEqualTo(100);
        assertThat(u32(dest.get(6))).as("l_threshold").isEqualTo(50);
        Message dr = sent(IPVSADM, "ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.21:80 -g -w 3", 5);
        assertThat(u32(nested(attributes(dr.payload(), 4, dr.payload().length).get(2)).get(3)))
                .as("forwarding: IP_VS_CONN_F_DROUTE").isEqualTo(3);
    }

    @Test
    void keepalivedProgramsEveryServiceAndItsDestinations() {
        List<Message> newServices = KEEPALIVED.stream().filter(m -> m.sent() && m.type() != 0x10 && m.genlCommand() == 1).toList();
        assertThat(newServices).hasSize(4);
        Map<Integer, byte[]> fwm = newServices.stream()
                .map(m -> nested(attributes(m.payload(), 4, m.payload().length).get(1)))
                .filter(s -> s.containsKey(5)).findFirst().orElseThrow(); // IPVS_SVC_ATTR_FWMARK
        assertThat(u32(fwm.get(5))).isEqualTo(7);
        assertThat(new String(fwm.get(6), StandardCharsets.US_ASCII)).isEqualTo("sh\0");
        assertThat(u32(java.util.Arrays.copyOfRange(fwm.get(7), 0, 4)) & 0x10).as("sh-port = IP_VS_SVC_F_SCHED2")
                .isEqualTo(0x10);
        Map<Integer, byte[]> granular = newServices.stream()
                .map(m -> nested(attributes(m.payload(), 4, m.payload().length).get(1)))
                .filter(s -> s.containsKey(3) && s.get(3)[3] == 2).findFirst().orElseThrow(); // 10.0.0.2
        assertThat(u32(granular.get(8))).isEqualTo(3600);
        assertThat(granular.get(9)).as("persistence_granularity 255.255.255.0, network order").containsExactly(255, 255, 255, 0);
        // Destinations: four real servers added at start; later removals and the sorry server.
        long newDests = KEEPALIVED.stream().filter(m -> m.sent() && m.type() != 0x10 && m.genlCommand() == 5).count();
        long delDests = KEEPALIVED.stream().filter(m -> m.sent() && m.type() != 0x10 && m.genlCommand() == 7).count();
        long setDests = KEEPALIVED.stream().filter(m -> m.sent() && m.type() != 0x10 && m.genlCommand() == 6).count();
        assertThat(newDests).as("4 real servers + the sorry server (the fwmark one too)").isEqualTo(6);
        assertThat(delDests).as("removed after their checks failed").isGreaterThanOrEqualTo(3);
        assertThat(setDests).as("inhibit_on_failure: weight 0 instead of removal").isGreaterThanOrEqualTo(1);
        // lvs_timeouts tcp 900 tcpfin 120 udp 300: IPVS_CMD_SET_CONFIG with the three timeouts.
        Message config = KEEPALIVED.stream().filter(m -> m.sent() && m.type() != 0x10 && m.genlCommand() == 12)
                .findFirst().orElseThrow();
        Map<Integer, byte[]> t = attributes(config.payload(), 4, config.payload().length);
        assertThat(u32(t.get(4))).isEqualTo(900);
        assertThat(u32(t.get(5))).isEqualTo(120);
        assertThat(u32(t.get(6))).isEqualTo(300);
    }
}
