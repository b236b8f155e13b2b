package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** check_http.c request_template, byte for byte. */
class HttpRequestTest {

    private static String text(HttpRequest r) {
        return new String(r.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void eachProtocolSendsItsRequest() {
        assertThat(text(new HttpRequest("/", HttpVersion.HTTP_1_0, "10.0.0.2:80")))
                .isEqualTo("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 10.0.0.2:80\r\n\r\n");
        assertThat(text(new HttpRequest("/a?b", HttpVersion.HTTP_1_0_CLOSE, "www")))
                .isEqualTo("GET /a?b HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www\r\n\r\n");
        assertThat(text(new HttpRequest("/", HttpVersion.HTTP_1_1, "www")))
                .isEqualTo("GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www\r\n\r\n");
    }

    @Test
    void hostIsTheVirtualhostElseTheAddressAndPort() throws Exception {
        assertThat(HttpRequest.host(Optional.of("www.example.com"), InetAddress.getByName("10.0.0.2"), 8080))
                .isEqualTo("www.example.com");
        assertThat(HttpRequest.host(Optional.empty(), InetAddress.getByName("10.0.0.2"), 8080)).isEqualTo("10.0.0.2:8080");
        assertThat(HttpRequest.host(Optional.empty(), InetAddress.getByName("2001:db8::2"), 80)).isEqualTo("[2001:db8::2]:80");
    }

    @Test
    void requestIsCutWhereKeepalivedsBufferEnds() {
        assertThat(new HttpRequest("/" + "a".repeat(3000), HttpVersion.HTTP_1_0, "h").bytes()).hasSize(2047);
    }
}
