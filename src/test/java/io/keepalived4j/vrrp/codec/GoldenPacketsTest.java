package io.keepalived4j.vrrp.codec;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden frames keepalived 2.2.7 sent (shared/keepalived/vrrp-wire.md section 11): every field
 * decodes as captured, and encoding the decoded fields gives the captured VRRP bytes back.
 */
class GoldenPacketsTest {

    private static DecodeResult.Decoded decode(String hex) {
        DecodeResult r = VrrpDecoder.ethernet(Pcap.hex(hex), false);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return (DecodeResult.Decoded) r;
    }

    /** The VRRP message inside an Ethernet frame (after a 20-byte IPv4 or 40-byte IPv6 header). */
    private static byte[] vrrpBytes(String hex, boolean ipv6, int length) {
        byte[] frame = Pcap.hex(hex);
        int start = 14 + (ipv6 ? 40 : 20);
        return Arrays.copyOfRange(frame, start, start + length);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void v2WithPasswordAndTwoAddresses() throws Exception {
        String frame = "0100 5e00 0012 b63d 69c5 f55d 0800 45c0 002c 0001 0000 ff70 d08c 0a00 0002 e000"
                + "0012 2133 6402 0101 f781 0a00 0064 0a00 0065 7365 6372 6574 3132";
        DecodeResult.Decoded d = decode(frame);
        VrrpPacket p = d.packet();
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.type()).isEqualTo(1);
        assertThat(p.vrid()).isEqualTo(51);
        assertThat(p.priority()).isEqualTo(100);
        assertThat(p.addresses()).containsExactly(ip("10.0.0.100"), ip("10.0.0.101"));
        assertThat(p.authType()).isEqualTo(VrrpPacket.AUTH_PASS);
        assertThat(p.advertInterval()).isEqualTo(1);
        assertThat(p.advertIntervalCentis()).isEqualTo(100);
        assertThat(p.checksum()).isEqualTo(0xf781);
        assertThat(new String(p.authData(), StandardCharsets.US_ASCII)).isEqualTo("secret12");
        assertThat(d.ttl()).isEqualTo(255);
        assertThat(d.source()).isEqualTo(ip("10.0.0.2"));
        assertThat(d.destination()).isEqualTo(ip("224.0.0.18"));
        assertThat(d.checksumOk()).isTrue();

        VrrpPacket rebuilt = VrrpPacket.v2(51, 100, VrrpPacket.AUTH_PASS, 1, List.of(ip("10.0.0.100"), ip("10.0.0.101")),
                "secret12".getBytes(StandardCharsets.US_ASCII));
        assertThat(VrrpEncoder.encode(rebuilt, ip("10.0.0.2"), ip("224.0.0.18"), false)).isEqualTo(vrrpBytes(frame, false, 24));
    }

    @Test
    void v2PriorityZeroAtShutdownOnlyChangesPriorityAndChecksum() throws Exception {
        VrrpPacket stop = VrrpPacket.v2(51, 0, VrrpPacket.AUTH_PASS, 1, List.of(ip("10.0.0.100"), ip("10.0.0.101")),
                "secret12".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = VrrpEncoder.encode(stop, ip("10.0.0.1"), ip("224.0.0.18"), false);
        assertThat(Arrays.copyOfRange(bytes, 0, 8)).isEqualTo(Pcap.hex("2133 0002 0101 5b82"));
    }

    @Test
    void v2AddressOwnerWithoutAuthentication() throws Exception {
        String frame = "0100 5e00 0012 1281 7a04 1c33 0800 45c0 0028 0001 0000 ff70 d091 0a00 0001 e000"
                + "0012 2146 ff01 0001 d50c 0a00 00aa 0000 0000 0000 0000";
        VrrpPacket p = decode(frame).packet();
        assertThat(p.vrid()).isEqualTo(70);
        assertThat(p.priority()).isEqualTo(255);
        assertThat(p.authType()).isEqualTo(VrrpPacket.AUTH_NONE);
        assertThat(p.checksum()).isEqualTo(0xd50c);
        VrrpPacket rebuilt = VrrpPacket.v2(70, 255, 0, 1, List.of(ip("10.0.0.170")), null);
        assertThat(VrrpEncoder.encode(rebuilt, ip("10.0.0.1"), ip("224.0.0.18"), false)).isEqualTo(vrrpBytes(frame, false, 20));
    }

    @Test
    void v3Ipv4MulticastUsesThePseudoHeader() throws Exception {
        String frame = "0100 5e00 0012 b63d 69c5 f55d 0800 45c0 0020 0001 0000 ff70 d098 0a00 0002 e000"
                + "0012 3134 6401 0032 75a1 0a00 0066";
        DecodeResult.Decoded d = decode(frame);
        VrrpPacket p = d.packet();
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.vrid()).isEqualTo(52);
        assertThat(p.advertIntervalCentis()).isEqualTo(50);
        assertThat(p.checksum()).isEqualTo(0x75a1);
        assertThat(d.checksumOk()).isTrue();
        VrrpPacket rebuilt = VrrpPacket.v3(52, 100, 50, List.of(ip("10.0.0.102")));
        byte[] expected = vrrpBytes(frame, false, 12);
        assertThat(VrrpEncoder.encode(rebuilt, ip("10.0.0.2"), ip("224.0.0.18"), false)).isEqualTo(expected);
        // Without the pseudo-header (v3_checksum_as_v2, RFC 9568) the checksum differs: 0x6032.
        byte[] asV2 = VrrpEncoder.encode(rebuilt, ip("10.0.0.2"), ip("224.0.0.18"), true);
        assertThat(((asV2[6] & 0xff) << 8) | (asV2[7] & 0xff)).isEqualTo(0x6032);
        assertThat(((DecodeResult.Decoded) VrrpDecoder.ethernet(Pcap.hex(frame), true)).checksumOk()).isFalse();
    }

    @Test
    void v3UnicastPseudoHeaderUsesThePeerAddress() throws Exception {
        String frame = "1281 7a04 1c33 b63d 69c5 f55d 0800 45c0 0020 0001 0000 ff70 a6aa 0a00 0002 0a00"
                + "0001 3136 6401 0064 4b7d 0a00 0068";
        DecodeResult.Decoded d = decode(frame);
        assertThat(d.checksumOk()).isTrue();
        assertThat(d.packet().checksum()).isEqualTo(0x4b7d);
        VrrpPacket rebuilt = VrrpPacket.v3(54, 100, 100, List.of(ip("10.0.0.104")));
        assertThat(VrrpEncoder.encode(rebuilt, ip("10.0.0.2"), ip("10.0.0.1"), false)).isEqualTo(vrrpBytes(frame, false, 12));
    }

    @Test
    void v3Ipv6WithLinkLocalFirstAddress() throws Exception {
        String frame = "3333 0000 0012 b63d 69c5 f55d 86dd 6c01 2e23 0028 70ff fe80 0000 0000 0000 b43d"
                + "69ff fec5 f55d ff02 0000 0000 0000 0000 0000 0000 0012 3135 6402 0064 5dad fe80"
                + "0000 0000 0000 0000 0000 0000 0053 fd00 0000 0000 0000 0000 0000 0000 0053";
        DecodeResult.Decoded d = decode(frame);
        VrrpPacket p = d.packet();
        assertThat(p.vrid()).isEqualTo(53);
        assertThat(p.addresses()).containsExactly(ip("fe80::53"), ip("fd00::53"));
        assertThat(p.advertIntervalCentis()).isEqualTo(100);
        assertThat(d.ttl()).isEqualTo(255);
        assertThat(d.checksumOk()).isTrue();
        VrrpPacket rebuilt = VrrpPacket.v3(53, 100, 100, List.of(ip("fe80::53"), ip("fd00::53")));
        assertThat(VrrpEncoder.encode(rebuilt, ip("fe80::b43d:69ff:fec5:f55d"), ip("ff02::12"), false))
                .isEqualTo(vrrpBytes(frame, true, 40));
    }
}
