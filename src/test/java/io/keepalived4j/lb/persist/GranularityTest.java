package io.keepalived4j.lb.persist;

import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.Persistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GranularityTest {

    private static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    @ParameterizedTest
    @CsvSource({
            "255.255.255.0, 10.1.2.3, 10.1.2.0",
            "255.255.0.0, 10.1.2.3, 10.1.0.0",
            "255.255.255.255, 10.1.2.3, 10.1.2.3",
            "0xffffff00, 10.1.2.3, 10.1.2.0",          // inet_aton() hex, as keepalived accepts
            "255.255.255, 10.1.2.3, 10.1.0.3",         // inet_aton(): the last part fills: 255.255.0.255
            "255.0.255.0, 10.1.2.3, 10.0.2.0",         // keepalived 2.2.7 accepts non-contiguous masks
    })
    void ipv4NetmaskMasksTheClient(String mask, String client, String masked) {
        Granularity g = Granularity.parse(mask, Optional.of(IpFamily.INET)).orElseThrow();
        assertThat(g.mask(ip(client))).isEqualTo(ip(masked));
    }

    @ParameterizedTest
    @CsvSource({
            "64, 2001:db8:1:2:3:4:5:6, 2001:db8:1:2::",
            "48, 2001:db8:1:2:3:4:5:6, 2001:db8:1::",
            "61, 2001:db8:1:ffff::1, 2001:db8:1:fff8::",
            "1, ffff::1, 8000::",
            "128, 2001:db8::1, 2001:db8::1",
    })
    void ipv6PrefixLengthMasksTheClient(String plen, String client, String masked) {
        Granularity g = Granularity.parse(plen, Optional.of(IpFamily.INET6)).orElseThrow();
        assertThat(g.mask(ip(client))).isEqualTo(ip(masked));
    }

    @Test
    void theServiceFamilyDecidesHowTheTextReads() {
        // keepalived reads "24" for an IPv4 service with inet_aton(): the mask 0.0.0.24.
        assertThat(Granularity.parse("24", Optional.of(IpFamily.INET))).contains(new Granularity(24, 128));
        assertThat(Granularity.parse("24", Optional.empty())).contains(new Granularity(0xffffffff, 24));
        assertThat(Granularity.parse("255.255.255.0", Optional.empty())).contains(new Granularity(0xffffff00, 128));
    }

    @Test
    void theOtherFamilyStaysOneClientOneTemplate() {
        Granularity v4 = Granularity.parse("255.255.255.0", Optional.of(IpFamily.INET)).orElseThrow();
        assertThat(v4.mask(ip("2001:db8::1"))).isEqualTo(ip("2001:db8::1"));
        Granularity v6 = Granularity.parse("64", Optional.of(IpFamily.INET6)).orElseThrow();
        assertThat(v6.mask(ip("10.1.2.3"))).isEqualTo(ip("10.1.2.3"));
    }

    @ParameterizedTest
    @CsvSource({"INET, 256.0.0.0", "INET, 255..255.0", "INET, mask", "INET6, 0", "INET6, 129", "INET6, 64x", "INET6, ''"})
    void whatKeepalivedRefusesIsRefused(IpFamily family, String text) {
        assertThat(Granularity.parse(text, Optional.of(family))).isEmpty();
    }

    @Test
    void withoutGranularityEachClientIsItsOwn() {
        assertThat(Granularity.of(new Persistence(360, Optional.empty(), Optional.empty()), Optional.of(IpFamily.INET)))
                .isEqualTo(Granularity.HOST);
        assertThat(Granularity.HOST.mask(ip("10.1.2.3"))).isEqualTo(ip("10.1.2.3"));
        assertThatThrownBy(() -> Granularity.of(new Persistence(360, Optional.of("x"), Optional.empty()), Optional.of(IpFamily.INET)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
