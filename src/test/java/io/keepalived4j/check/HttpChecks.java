package io.keepalived4j.check;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.CheckerTiming;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.HttpCheck;
import io.keepalived4j.config.model.lvs.HttpUrl;
import io.keepalived4j.config.model.lvs.HttpUrl.StatusRange;
import io.keepalived4j.config.model.lvs.HttpVersion;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** HTTP_GET / SSL_GET models for tests, as the config layer would build them. */
final class HttpChecks {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private HttpChecks() {
    }

    /** keepalived's FMT_CHK for a loopback server. */
    static String server(int port) {
        return "[127.0.0.1]:tcp:" + port;
    }

    static HttpCheck check(boolean tls, int port, Duration connectTimeout, Duration delayLoop, HttpUrl... urls) {
        return check(tls, port, connectTimeout, delayLoop, HttpVersion.HTTP_1_0, Optional.empty(), false, urls);
    }

    static HttpCheck check(boolean tls, int port, Duration connectTimeout, Duration delayLoop, HttpVersion version,
                           Optional<String> virtualhost, boolean sni, HttpUrl... urls) {
        ConnectionOptions co = new ConnectionOptions(LOOPBACK, port, Optional.empty(), 0, Optional.empty(), 0, connectTimeout);
        CheckerTiming timing = new CheckerTiming(delayLoop, 1, Duration.ofSeconds(3), delayLoop, false, false);
        return new HttpCheck(tls, co, timing, List.of(urls), version, virtualhost, sni, false, Position.NONE);
    }

    static HttpUrl url(String path) {
        return new Url(path).build();
    }

    /** A url { } block, keyword by keyword. */
    static final class Url {
        private final String path;
        private Optional<String> digest = Optional.empty();
        private List<StatusRange> codes = HttpUrl.DEFAULT_STATUS_CODES;
        private Optional<String> virtualhost = Optional.empty();
        private Optional<String> regex = Optional.empty();
        private boolean noMatch;
        private List<String> options = List.of();
        private OptionalLong min = OptionalLong.empty();
        private OptionalLong max = OptionalLong.empty();

        Url(String path) {
            this.path = path;
        }

        Url digest(String d) {
            digest = Optional.of(d);
            return this;
        }

        Url status(int from, int to) {
            codes = List.of(new StatusRange(from, to));
            return this;
        }

        Url virtualhost(String v) {
            virtualhost = Optional.of(v);
            return this;
        }

        Url regex(String r, String... regexOptions) {
            regex = Optional.of(r);
            options = List.of(regexOptions);
            return this;
        }

        Url noMatch() {
            noMatch = true;
            return this;
        }

        Url offsets(long from, long to) {
            min = OptionalLong.of(from);
            max = OptionalLong.of(to);
            return this;
        }

        HttpUrl build() {
            return new HttpUrl(path, digest, codes, virtualhost, regex, noMatch, options, min, max, Position.NONE);
        }
    }
}
