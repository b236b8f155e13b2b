package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.os.IcmpEcho.Verdict;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IcmpEchoTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DATA = "abcd".getBytes(StandardCharsets.US_ASCII);
    /** echo reply, id 0x1234, seq 1, "abcd"; checksum 0x2904 worked out by hand (RFC 1071). */
    private static final String REPLY = "00002904" + "1234" + "0001" + "61626364";
    /** An IPv4 header as a raw socket delivers it: 20 bytes, protocol 1, 127.0.0.1 to 127.0.0.1. */
    private static final String IP_HEADER = "45000020" + "00004000" + "40010000" + "7f000001" + "7f000001";

    @Test
    void anIpv4RequestCarriesItsChecksum() {
        // 0x0800 + 0x1234 + 0x0001 + 0x6162 + 0x6364 = 0xdefb, complemented 0x2104
        assertThat(HEX.formatHex(IcmpEcho.request(false, 0x1234, 1, DATA))).isEqualTo("08002104" + "1234" + "0001" + "61626364");
    }

    @Test
    void anIpv6RequestLeavesTheChecksumToTheKernel() {
        assertThat(HEX.formatHex(IcmpEcho.request(true, 0x1234, 0xbeef, DATA))).isEqualTo("80000000" + "1234" + "beef" + "61626364");
    }

    @Test
    void theChecksumOfAMessageThatCarriesOneIsZero() {
        byte[] reply = HEX.parseHex(REPLY);
        assertThat(IcmpEcho.checksum(MemorySegment.ofArray(reply), 0, reply.length)).isZero();
        byte[] odd = HEX.parseHex("0102030405");
        // 0x0102 + 0x0304 + 0x0500 = 0x0906, complemented 0xf6f9
        assertThat(IcmpEcho.checksum(MemorySegment.ofArray(odd), 0, odd.length)).isEqualTo(0xf6f9);
    }

    @Test
    void ourReplyAfterARawSocketsIpHeaderIsOurs() {
        assertThat(classify(IP_HEADER + REPLY, false, true, 0x1234, 1)).isEqualTo(Verdict.OURS);
    }

    @Test
    void aPingSocketsReplyHasNoIpHeaderAndTheKernelMatchedTheId() {
        assertThat(classify(REPLY, false, false, -1, 1)).isEqualTo(Verdict.OURS);
    }

    @Test
    void repliesToOthersAreNotOurs() {
        assertThat(classify(IP_HEADER + REPLY, false, true, 0x1235, 1)).isEqualTo(Verdict.OTHER_ID);
        assertThat(classify(IP_HEADER + REPLY, false, true, 0x1234, 2)).isEqualTo(Verdict.OTHER_SEQUENCE);
    }

    @Test
    void ourOwnRequestSeenOnLoopbackIsNotAReply() {
        String request = HEX.formatHex(IcmpEcho.request(false, 0x1234, 1, DATA));
        assertThat(classify(IP_HEADER + request, false, true, 0x1234, 1)).isEqualTo(Verdict.NOT_A_REPLY);
        // type 0 with a code other than 0 is no echo reply either (the checksum adjusted: 0x2904 - 0x0001)
        assertThat(classify(IP_HEADER + "0001290312340001" + "61626364", false, true, 0x1234, 1))
                .isEqualTo(Verdict.NOT_A_REPLY);
    }

    @Test
    void aCorruptedReplyIsDropped() {
        assertThat(classify(IP_HEADER + REPLY.replace("61626364", "61626365"), false, true, 0x1234, 1))
                .isEqualTo(Verdict.BAD_CHECKSUM);
    }

    @Test
    void shortOrMalformedPacketsAreDropped() {
        assertThat(classify(IP_HEADER + REPLY.substring(0, 14), false, true, 0x1234, 1)).isEqualTo(Verdict.TOO_SHORT);
        assertThat(classify(IP_HEADER.substring(0, 38), false, true, 0x1234, 1)).isEqualTo(Verdict.TOO_SHORT);
        assertThat(classify("65" + IP_HEADER.substring(2) + REPLY, false, true, 0x1234, 1)).isEqualTo(Verdict.BAD_IP_HEADER);
        assertThat(classify("44" + IP_HEADER.substring(2) + REPLY, false, true, 0x1234, 1)).isEqualTo(Verdict.BAD_IP_HEADER);
        assertThat(classify("4f" + IP_HEADER.substring(2) + REPLY, false, true, 0x1234, 1)).isEqualTo(Verdict.BAD_IP_HEADER);
    }

    @Test
    void anIcmpv6ReplyIsType129AndItsChecksumWasTheKernels() {
        assertThat(classify("8100ffff" + "1234" + "0001" + "61626364", true, false, 0x1234, 1)).isEqualTo(Verdict.OURS);
        assertThat(classify("8000ffff" + "1234" + "0001" + "61626364", true, false, 0x1234, 1)).isEqualTo(Verdict.NOT_A_REPLY);
    }

    private static Verdict classify(String hex, boolean ipv6, boolean withIpv4Header, int id, int sequence) {
        byte[] b = HEX.parseHex(hex);
        return IcmpEcho.classify(MemorySegment.ofArray(b), b.length, ipv6, withIpv4Header, id, sequence);
    }
}
