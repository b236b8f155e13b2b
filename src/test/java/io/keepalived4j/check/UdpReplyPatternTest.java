package io.keepalived4j.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** check_udp.c check_udp_reply() with read_hex_str()'s mask: x is any nibble. */
class UdpReplyPatternTest {

    @ParameterizedTest(name = "{0} against {1} [{2}..{3}]: {4}")
    @CsvSource({
            "3082, 3082, 0, 255, true",
            "3082, 308201, 0, 255, true",       // longer than the pattern: the rest is free
            "3082, 30, 0, 255, true",           // shorter: only the common bytes count (2.2.7)
            "3082, 30, 2, 255, false",          // ... unless min_reply_length says no
            "3082, 3182, 0, 255, false",
            "3x8x, 3f8a, 0, 255, true",
            "3x8x, 4f8a, 0, 255, false",
            "x0, a0, 0, 255, true",
            "x0, a1, 0, 255, false",
            "xx, ff, 0, 255, true",
            "00, 00000000, 0, 3, false",        // over max_reply_length
            "00, 000000, 0, 3, true",
    })
    void matchesAs2_2_7Does(String pattern, String reply, int min, int max, boolean matches) {
        byte[] r = HexFormat.of().parseHex(reply);

        assertThat(UdpReplyPattern.of(pattern).matches(r, r.length, min, max)).isEqualTo(matches);
    }
}
