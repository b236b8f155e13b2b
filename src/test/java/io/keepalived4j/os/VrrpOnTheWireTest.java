package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Root;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What tcpdump in the receiving namespace sees of our sends: the IP header the kernel built from
 * our socket options must be keepalived's (vrrp-wire.md section 3: TOS 0xc0, TTL 255, protocol 112).
 */
class VrrpOnTheWireTest {

    private static final HexFormat HEX = HexFormat.of();

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void ipv4AdvertsCarryTos0xc0Ttl255AndProtocol112() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA)))) {
            byte[] multicast = Adverts.v2(61, 100, VethLab.A4, VrrpSocketOptions.VRRP_GROUP4);
            byte[] unicast = Adverts.v3(62, 100, VethLab.A4, VethLab.B4);
            List<byte[]> frames;
            try (Tcpdump cap = Tcpdump.start(lab.nsB, lab.ifB, "ip proto 112")) {
                tx.send(multicast, VrrpSocketOptions.VRRP_GROUP4);
                tx.send(unicast, VethLab.B4);
                Thread.sleep(300);
                frames = cap.frames();
            }

            assertThat(frames).hasSize(2);
            assertIpv4(frames.get(0), "01005e000012", "e0000012", multicast);
            assertIpv4(frames.get(1), "020000790002", "0a4f0002", unicast);
        }
    }

    @Test
    void ipv6AdvertsCarryTrafficClass0xc0HopLimit255AndNextHeader112() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifA)))) {
            InetAddress source = lab.linkLocalA();
            byte[] advert = Adverts.v3(63, 100, source, VrrpSocketOptions.VRRP_GROUP6);
            List<byte[]> frames;
            try (Tcpdump cap = Tcpdump.start(lab.nsB, lab.ifB, "ip6 proto 112")) {
                tx.send(advert, VrrpSocketOptions.VRRP_GROUP6);
                Thread.sleep(300);
                frames = cap.frames();
            }

            assertThat(frames).hasSize(1);
            byte[] f = frames.getFirst();
            assertThat(HEX.formatHex(f, 0, 6)).as("eth dst").isEqualTo("333300000012");
            assertThat(Arrays.copyOfRange(f, 6, 12)).as("eth src").isEqualTo(VethLab.MAC_A);
            assertThat(HEX.formatHex(f, 12, 14)).isEqualTo("86dd");
            int trafficClass = ((f[14] & 0x0f) << 4) | ((f[15] & 0xf0) >>> 4);
            assertThat(trafficClass).as("traffic class").isEqualTo(0xc0);
            assertThat(f[20] & 0xff).as("next header").isEqualTo(112);
            assertThat(f[21] & 0xff).as("hop limit").isEqualTo(255);
            assertThat(Arrays.copyOfRange(f, 22, 38)).as("src").isEqualTo(source.getAddress());
            assertThat(Arrays.copyOfRange(f, 38, 54)).as("dst").isEqualTo(VrrpSocketOptions.VRRP_GROUP6.getAddress());
            assertThat(Arrays.copyOfRange(f, 54, f.length)).as("message untouched").isEqualTo(advert);
        }
    }

    private static void assertIpv4(byte[] f, String dstMac, String dstIp, byte[] message) {
        assertThat(HEX.formatHex(f, 0, 6)).as("eth dst").isEqualTo(dstMac);
        assertThat(Arrays.copyOfRange(f, 6, 12)).as("eth src").isEqualTo(VethLab.MAC_A);
        assertThat(HEX.formatHex(f, 12, 14)).isEqualTo("0800");
        assertThat(f[14]).as("version 4, IHL 5").isEqualTo((byte) 0x45);
        assertThat(f[15] & 0xff).as("TOS").isEqualTo(0xc0);
        assertThat(f[22] & 0xff).as("TTL").isEqualTo(255);
        assertThat(f[23] & 0xff).as("protocol").isEqualTo(112);
        assertThat(HEX.formatHex(f, 26, 30)).as("src").isEqualTo("0a4f0001");
        assertThat(HEX.formatHex(f, 30, 34)).as("dst").isEqualTo(dstIp);
        assertThat(Arrays.copyOfRange(f, 34, 34 + message.length)).as("VRRP message").isEqualTo(message);
    }
}
