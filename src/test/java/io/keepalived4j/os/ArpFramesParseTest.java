package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link ArpFrames#parse}: literal frames in, every field out, garbage gives empty and never throws. */
class ArpFramesParseTest {

    private static final HexFormat HEX = HexFormat.of();

    // vrrp-wire.md section 8 (captures/v2/cap.txt): keepalived's GARP for 10.0.0.100 from b6:3d:69:c5:f5:5d
    private static final byte[] KEEPALIVED_GARP = HEX.parseHex(
            "ffffffffffff" + "b63d69c5f55d" + "0806" + "0001" + "0800" + "0604" + "0001"
                    + "b63d69c5f55d" + "0a000064" + "ffffffffffff" + "0a000064");
    // A Linux ARP reply: 10.0.0.100 is at 02:6b:00:00:00:02, to 10.0.0.1 at b6:3d:69:c5:f5:5d, padded to 60.
    private static final byte[] REPLY = HEX.parseHex(
            "b63d69c5f55d" + "026b00000002" + "0806" + "0001" + "0800" + "0604" + "0002"
                    + "026b00000002" + "0a000064" + "b63d69c5f55d" + "0a000001" + "00".repeat(18));

    @Test
    void decodesKeepalivedsGratuitousArp() {
        ArpPacket p = ArpFrames.parse(KEEPALIVED_GARP).orElseThrow();

        assertThat(p.operation()).isEqualTo(ArpPacket.REQUEST);
        assertThat(p.senderMac()).isEqualTo(HEX.parseHex("b63d69c5f55d"));
        assertThat(p.senderIp()).isEqualTo(InetAddress.ofLiteral("10.0.0.100"));
        assertThat(p.targetMac()).isEqualTo(HEX.parseHex("ffffffffffff"));
        assertThat(p.targetIp()).isEqualTo(InetAddress.ofLiteral("10.0.0.100"));
        assertThat(p.ethernetSource()).isEqualTo(HEX.parseHex("b63d69c5f55d"));
        assertThat(p.gratuitous()).isTrue();
    }

    @Test
    void decodesAPaddedReply() {
        ArpPacket p = ArpFrames.parse(REPLY).orElseThrow();

        assertThat(p.operation()).isEqualTo(ArpPacket.REPLY);
        assertThat(p.senderMac()).isEqualTo(HEX.parseHex("026b00000002"));
        assertThat(p.senderIp()).isEqualTo(InetAddress.ofLiteral("10.0.0.100"));
        assertThat(p.targetMac()).isEqualTo(HEX.parseHex("b63d69c5f55d"));
        assertThat(p.targetIp()).isEqualTo(InetAddress.ofLiteral("10.0.0.1"));
        assertThat(p.ethernetSource()).isEqualTo(HEX.parseHex("026b00000002"));
        assertThat(p.gratuitous()).isFalse();
    }

    @Test
    void roundTripsWhatGratuitousArpBuilds() {
        byte[] mac = HEX.parseHex("020000abcdef");
        Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("192.168.7.9");

        ArpPacket p = ArpFrames.parse(ArpFrames.gratuitousArp(mac, vip)).orElseThrow();

        assertThat(p.senderMac()).isEqualTo(mac);
        assertThat(p.senderIp()).isEqualTo(vip);
        assertThat(p.gratuitous()).isTrue();
    }

    @Test
    void probeIsRfc5227ArpProbe() {
        byte[] f = ArpFrames.probe(HEX.parseHex("b63d69c5f55d"), (Inet4Address) InetAddress.ofLiteral("10.0.0.100"));

        assertThat(f).isEqualTo(HEX.parseHex("ffffffffffff" + "b63d69c5f55d" + "0806" + "0001" + "0800" + "0604"
                + "0001" + "b63d69c5f55d" + "00000000" + "000000000000" + "0a000064"));
        ArpPacket p = ArpFrames.parse(f).orElseThrow();
        assertThat(p.senderIp()).isEqualTo(InetAddress.ofLiteral("0.0.0.0"));
        assertThat(p.gratuitous()).isFalse();
    }

    @Test
    void everyTruncationIsEmpty() {
        for (int len = 0; len < KEEPALIVED_GARP.length; len++) {
            assertThat(ArpFrames.parse(Arrays.copyOf(KEEPALIVED_GARP, len))).as("length %d", len).isEmpty();
        }
        assertThat(ArpFrames.parse(null)).isEmpty();
    }

    @Test
    void otherEtherTypesAndArpVariantsAreEmpty() {
        assertThat(ArpFrames.parse(with(KEEPALIVED_GARP, 12, "0800"))).as("IPv4 EtherType").isEmpty();
        assertThat(ArpFrames.parse(with(KEEPALIVED_GARP, 14, "0006"))).as("hardware type IEEE 802").isEmpty();
        assertThat(ArpFrames.parse(with(KEEPALIVED_GARP, 16, "86dd"))).as("protocol type IPv6").isEmpty();
        assertThat(ArpFrames.parse(with(KEEPALIVED_GARP, 18, "0804"))).as("hardware length 8").isEmpty();
        assertThat(ArpFrames.parse(with(KEEPALIVED_GARP, 19, "10"))).as("protocol length 16").isEmpty();
    }

    @Test
    void an8021qTaggedFrameIsRejectedNotMisread() {
        // The GARP with a VLAN 100 tag inserted after the MAC addresses: 8100 0064, then 0806.
        byte[] tagged = HEX.parseHex("ffffffffffff" + "b63d69c5f55d" + "8100" + "0064" + "0806" + "0001" + "0800"
                + "0604" + "0001" + "b63d69c5f55d" + "0a000064" + "ffffffffffff" + "0a000064");

        assertThat(ArpFrames.parse(tagged)).isEmpty();
    }

    @Test
    void randomGarbageNeverThrows() {
        java.util.Random random = new java.util.Random(42); // fixed seed: replayable
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            if (random.nextBoolean() && junk.length > 13) {
                junk[12] = 0x08;
                junk[13] = 0x06;
            }
            ArpFrames.parse(junk); // must not throw
        }
        assertThat(ArpFrames.parse(new byte[60])).isEmpty();
    }

    @Test
    void arraysAreCopiedInAndOut() {
        ArpPacket p = ArpFrames.parse(KEEPALIVED_GARP).orElseThrow();
        p.senderMac()[0] = 0;
        assertThat(p.senderMac()[0]).isEqualTo((byte) 0xb6);
    }

    private static byte[] with(byte[] frame, int at, String hex) {
        byte[] copy = frame.clone();
        byte[] patch = HEX.parseHex(hex);
        System.arraycopy(patch, 0, copy, at, patch.length);
        return copy;
    }
}
