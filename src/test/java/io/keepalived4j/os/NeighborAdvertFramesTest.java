package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NeighborAdvertFramesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MAC = HEX.parseHex("b63d69c5f55d");

    // keepalived 2.2.7, captures/v3/cap.txt 12:48:43.724630: unsolicited NA for fe80::53
    private static final byte[] KEEPALIVED_NA_LINK_LOCAL = HEX.parseHex(
            "333300000001b63d69c5f55d86dd"
                    + "6000000000203aff" + "fe800000000000000000000000000053" + "ff020000000000000000000000000001"
                    + "88004397" + "20000000" + "fe800000000000000000000000000053" + "0201b63d69c5f55d");
    // same capture 12:48:43.724645: for fd00::53
    private static final byte[] KEEPALIVED_NA_ULA = HEX.parseHex(
            "333300000001b63d69c5f55d86dd"
                    + "6000000000203aff" + "fd000000000000000000000000000053" + "ff020000000000000000000000000001"
                    + "88004697" + "20000000" + "fd000000000000000000000000000053" + "0201b63d69c5f55d");

    @Test
    void unsolicitedNaIsByteForByteWhatKeepalivedSends() {
        assertThat(NeighborAdvertFrames.unsolicited(MAC, v6("fe80::53"), false)).isEqualTo(KEEPALIVED_NA_LINK_LOCAL);
        assertThat(NeighborAdvertFrames.unsolicited(MAC, v6("fd00::53"), false)).isEqualTo(KEEPALIVED_NA_ULA);
    }

    @Test
    void everyFieldOfTheFrame() {
        byte[] f = NeighborAdvertFrames.unsolicited(MAC, v6("2001:db8::7"), false);

        assertThat(f).hasSize(NeighborAdvertFrames.LENGTH).hasSize(86);
        assertThat(HEX.formatHex(f, 0, 6)).as("eth dst all-nodes").isEqualTo("333300000001");
        assertThat(Arrays.copyOfRange(f, 6, 12)).as("eth src").isEqualTo(MAC);
        assertThat(HEX.formatHex(f, 12, 14)).as("ethertype").isEqualTo("86dd");
        assertThat(HEX.formatHex(f, 14, 18)).as("version, class 0, flow 0").isEqualTo("60000000");
        assertThat(HEX.formatHex(f, 18, 20)).as("payload length").isEqualTo("0020");
        assertThat(f[20]).as("next header ICMPv6").isEqualTo((byte) 58);
        assertThat(f[21] & 0xff).as("hop limit").isEqualTo(255);
        assertThat(Arrays.copyOfRange(f, 22, 38)).as("src = VIP").isEqualTo(v6("2001:db8::7").getAddress());
        assertThat(HEX.formatHex(f, 38, 54)).as("dst").isEqualTo("ff020000000000000000000000000001");
        assertThat(f[54] & 0xff).as("type NA").isEqualTo(136);
        assertThat(f[55]).as("code").isZero();
        assertThat(HEX.formatHex(f, 58, 62)).as("flags: override only").isEqualTo("20000000");
        assertThat(Arrays.copyOfRange(f, 62, 78)).as("target").isEqualTo(v6("2001:db8::7").getAddress());
        assertThat(HEX.formatHex(f, 78, 80)).as("option type 2, length 1").isEqualTo("0201");
        assertThat(Arrays.copyOfRange(f, 80, 86)).as("option MAC").isEqualTo(MAC);
        assertThat(onesComplementSumWithPseudoHeader(f)).as("checksum verifies").isEqualTo(0xffff);
    }

    @Test
    void routerFlagWhenTheInterfaceForwards() {
        byte[] f = NeighborAdvertFrames.unsolicited(MAC, v6("fe80::53"), true);

        assertThat(HEX.formatHex(f, 58, 62)).as("flags: router + override").isEqualTo("a0000000");
        assertThat(onesComplementSumWithPseudoHeader(f)).isEqualTo(0xffff);
        assertThat(HEX.formatHex(f, 56, 58)).isNotEqualTo("4397");
    }

    // Independent check of RFC 4443 section 2.3: the sum over pseudo-header and message, checksum included, is 0xffff.
    private static int onesComplementSumWithPseudoHeader(byte[] f) {
        long sum = 0;
        for (int i = 22; i < 54; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        int length = ((f[18] & 0xff) << 8) | (f[19] & 0xff);
        sum += length + (f[20] & 0xff);
        for (int i = 54; i < 54 + length; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static Inet6Address v6(String literal) {
        return (Inet6Address) InetAddress.ofLiteral(literal);
    }
}
