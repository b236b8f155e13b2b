package io.keepalived4j.lb.proxy;

import java.util.Locale;
import java.util.Optional;

/** {@code --proxy-protocol}: the header real servers get before the client's bytes (HAProxy's send-proxy). */
public enum ProxyProtocol {
    NONE, V1, V2;

    public static Optional<ProxyProtocol> parse(String text) {
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
