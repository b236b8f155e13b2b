package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.List;
import java.util.Optional;

/**
 * {@code HTTP_GET} ({@code tls} false) or {@code SSL_GET} ({@code tls} true): fetch every URL
 * and compare status code, MD5 digest and regex.
 *
 * @param tls          SSL_GET
 * @param connection   where to connect
 * @param timing       schedule (default delay_before_retry 3 s)
 * @param urls         the URLs to fetch, at least one
 * @param version      {@code http_protocol}
 * @param virtualhost  Host header: checker value, else real server, else virtual server
 * @param enableSni    send the virtualhost as TLS SNI
 * @param fastRecovery re-check at once while a server is down without a known failure
 * @param position     where the block starts
 */
public record HttpCheck(boolean tls, ConnectionOptions connection, CheckerTiming timing, List<HttpUrl> urls,
                        HttpVersion version, Optional<String> virtualhost, boolean enableSni, boolean fastRecovery,
                        Position position) implements ConnectingChecker {

    public HttpCheck {
        urls = List.copyOf(urls);
    }

    @Override
    public String keyword() {
        return tls ? "SSL_GET" : "HTTP_GET";
    }
}
