package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ArpFramesTest {

    private static final HexFormat HEX = HexFormat.of();

    // keepalived 2.2.7, captures/v3/cap.txt 12:48:41.920366: GARP for 10.0.0.102 from b6:3d:69:c5:f5:5d
    private static final byte[] KEEPALIVED_GARP_A = HEX.parseHex(
            "ffffffffffff" + "b63d69c5f55d" + "0806" + "0001" + "0800" + "06" + "04" + "0001"
                    + "b63d69c5f55d" + "0a000066" + "ffffffffffff" + "0a000066");
    // same capture 12:48:46.320760: the other node, MAC 12:81:7a:04:1c:33
    private static final byte[] KEEPALIVED_GARP_B = HEX.parseHex(
            "ffffffffffff12817a041c330806000108000604000112817a041c330a000066ffffffffffff0a000066");

    @Test
    void gratuitousArpIsByteForByteWhatKeepalivedSends() {
        Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("10.0.0.102");

        assertThat(ArpFrames.gratuitousArp(HEX.parseHex("b63d69c5f55d"), vip)).isEqualTo(KEEPALIVED_GARP_A);
        assertThat(ArpFrames.gratuitousArp(HEX.parseHex("12817a041c33"), vip)).isEqualTo(KEEPALIVED_GARP_B);
    }

    @Test
    void everyFieldOfTheFrame() {
        byte[] mac = HEX.parseHex("020000abcdef");
        byte[] f = ArpFrames.gratuitousArp(mac, (Inet4Address) InetAddress.ofLiteral("192.168.7.9"));

        assertThat(f).hasSize(ArpFrames.LENGTH).hasSize(42);
        assertThat(Arrays.copyOfRange(f, 0, 6)).as("eth dst broadcast").isEqualTo(HEX.parseHex("ffffffffffff"));
        assertThat(Arrays.copyOfRange(f, 6, 12)).as("eth src").isEqualTo(mac);
        assertThat(HEX.formatHex(f, 12, 14)).as("ethertype").isEqualTo("0806");
        assertThat(HEX.formatHex(f, 14, 16)).as("htype").isEqualTo("0001");
        assertThat(HEX.formatHex(f, 16, 18)).as("ptype").isEqualTo("0800");
        assertThat(HEX.formatHex(f, 18, 20)).as("hlen, plen").isEqualTo("0604");
        assertThat(HEX.formatHex(f, 20, 22)).as("opcode request").isEqualTo("0001");
        assertThat(Arrays.copyOfRange(f, 22, 28)).as("sender MAC").isEqualTo(mac);
        assertThat(HEX.formatHex(f, 28, 32)).as("sender IP").isEqualTo("c0a80709");
        assertThat(HEX.formatHex(f, 32, 38)).as("target MAC").isEqualTo("ffffffffffff");
        assertThat(HEX.formatHex(f, 38, 42)).as("target IP").isEqualTo("c0a80709");
    }

    @Test
    void rejectsMacsThatAreNotSixBytes() {
        Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("10.0.0.1");
        assertThatThrownBy(() -> ArpFrames.gratuitousArp(new byte[5], vip)).isInstanceOf(IllegalArgumentException.class);
    }
}
