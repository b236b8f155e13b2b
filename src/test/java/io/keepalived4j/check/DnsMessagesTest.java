package io.keepalived4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsMessagesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theDefaultQueryIsSoaForTheRootWithRecursionDesired() {
        // what keepalived 2.2.7 sends for DNS_CHECK { } with id 0x1234
        assertThat(HEX.formatHex(DnsMessages.query(0x1234, ".", 6).orElseThrow()))
                .isEqualTo("1234" + "0100" + "0001" + "0000" + "0000" + "0000" + "00" + "0006" + "0001");
    }

    @ParameterizedTest
    @CsvSource({
            "., 00",
            "'', 00",
            "example.org, 076578616d706c65036f726700",
            "example.org., 076578616d706c65036f726700",
            "a.b.c, 01610162016300",
    })
    void namesAreWrittenAsLabels(String name, String hex) {
        assertThat(HEX.formatHex(DnsMessages.qname(name).orElseThrow())).isEqualTo(hex);
    }

    @Test
    void namesThatDoNotFitAreRefused() {
        assertThat(DnsMessages.qname("x".repeat(63) + ".org")).isPresent();
        assertThat(DnsMessages.qname("x".repeat(64) + ".org")).isEmpty();
        assertThat(DnsMessages.qname(("x".repeat(63) + ".").repeat(3) + "x".repeat(61))).isPresent();   // 255
        assertThat(DnsMessages.qname(("x".repeat(63) + ".").repeat(3) + "x".repeat(62))).isEmpty();     // 256
        assertThat(DnsMessages.qname("a..b")).isEmpty();
    }

    @Test
    void onlyAResponseWithOurIdCounts() {
        byte[] ok = HEX.parseHex("1234" + "8180" + "0001000000000000");
        byte[] refused = HEX.parseHex("1234" + "8185" + "0001000000000000");
        byte[] other = HEX.parseHex("1235" + "8180" + "0001000000000000");
        byte[] query = HEX.parseHex("1234" + "0100" + "0001000000000000");

        assertThat(DnsMessages.classify(ok, ok.length, 0x1234)).isEqualTo(DnsMessages.Verdict.ANSWERED);
        assertThat(DnsMessages.classify(refused, refused.length, 0x1234)).isEqualTo(DnsMessages.Verdict.FAILED);
        assertThat(DnsMessages.rcode(refused)).isEqualTo(5);
        assertThat(DnsMessages.classify(other, other.length, 0x1234)).isEqualTo(DnsMessages.Verdict.OTHER_ID);
        assertThat(DnsMessages.classify(query, query.length, 0x1234)).isEqualTo(DnsMessages.Verdict.NOT_A_RESPONSE);
        assertThat(DnsMessages.classify(ok, 11, 0x1234)).isEqualTo(DnsMessages.Verdict.TOO_SHORT);
    }
}
