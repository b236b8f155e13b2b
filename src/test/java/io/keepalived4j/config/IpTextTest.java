package io.keepalived4j.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.keepalived4j.config.model.IpText;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class IpTextTest {

    @ParameterizedTest
    @CsvSource({
            "ff02:0:0:0:0:0:0:12, ff02::12",
            "fe80:0:0:0:0:0:0:1, fe80::1",
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fd00:231:0:0:0:0:0:100, fd00:231::100",
            "10.231.0.1, 10.231.0.1"
    })
    void writesAddressesInCanonicalForm(String in, String expected) throws UnknownHostException {
        assertThat(IpText.of(InetAddress.getByName(in))).isEqualTo(expected);
    }
}
