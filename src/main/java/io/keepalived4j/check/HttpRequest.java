package io.keepalived4j.check;

import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.lvs.HttpVersion;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The GET that keepalived 2.2.7 sends (check_http.c {@code request_template}), byte for byte:
 *
 * <pre>
 * GET /path HTTP/1.0\r\n
 * User-Agent: KeepAliveClient\r\n
 * Connection: close\r\n          (1.0C and 1.1 only)
 * Host: www.example.com\r\n      (the virtualhost, else 10.0.0.2:80, else [2001:db8::2]:80)
 * \r\n
 * </pre>
 *
 * @param path    the url's path, sent as written
 * @param version http_protocol: 1.0 sends HTTP/1.0, 1.0C HTTP/1.0 with Connection: close, 1.1
 *                HTTP/1.1 with Connection: close
 * @param host    the Host header value ({@link #host})
 */
public record HttpRequest(String path, HttpVersion version, String host) {

    /** keepalived's GET_BUFFER_LENGTH: snprintf cuts the request to 2047 bytes. */
    static final int MAX_LENGTH = 2047;

    /**
     * The Host header: the virtualhost as written (no port) when there is one, else the address and
     * port, an IPv6 address in brackets (RFC 2732).
     */
    public static String host(Optional<String> virtualhost, InetAddress address, int port) {
        if (virtualhost.isPresent()) {
            return virtualhost.get();
        }
        String ip = IpText.of(address);
        return (address instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** The request bytes (the path and host as UTF-8, as keepalived copies the config's bytes). */
    public byte[] bytes() {
        String text = "GET " + path + " HTTP/1." + (version == HttpVersion.HTTP_1_1 ? 1 : 0) + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (version == HttpVersion.HTTP_1_0 ? "" : "Connection: close\r\n")
                + "Host: " + host + "\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_LENGTH) {
            return b;
        }
        return java.util.Arrays.copyOf(b, MAX_LENGTH);
    }
}
