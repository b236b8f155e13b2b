package io.keepalived4j.config.model.lvs;

import java.util.Optional;

/** {@code http_protocol 1.0|1.0C|1.1} of HTTP_GET/SSL_GET (default 1.0). */
public enum HttpVersion {
    HTTP_1_0("1.0"),
    /** HTTP/1.0 with {@code Connection: close}. */
    HTTP_1_0_CLOSE("1.0C"),
    HTTP_1_1("1.1");

    private final String keyword;

    HttpVersion(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** keepalived accepts {@code 1.0}, {@code 1.1}, {@code 1.0C} and {@code 1.0c}. */
    public static Optional<HttpVersion> parse(String text) {
        return switch (text) {
            case "1.0" -> Optional.of(HTTP_1_0);
            case "1.1" -> Optional.of(HTTP_1_1);
            case "1.0C", "1.0c" -> Optional.of(HTTP_1_0_CLOSE);
            default -> Optional.empty();
        };
    }
}
