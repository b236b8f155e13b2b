package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.Optional;

/**
 * The top-level {@code SSL { password; ca; certificate; key }} block used by SSL_GET checkers.
 * When absent (or empty), keepalived creates a default client context.
 */
public record SslContext(Optional<String> password, Optional<String> caFile, Optional<String> certificateFile,
                         Optional<String> keyFile, Position position) {
}
