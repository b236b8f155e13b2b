package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.Optional;

/**
 * {@code BFD_CHECK}: follows a {@code bfd_instance}. Parsed for compatibility; keepalived4j does
 * not run BFD.
 *
 * @param name  the bfd_instance
 * @param alpha own alpha setting; empty means the real server's
 */
public record BfdCheck(String name, Optional<Boolean> alpha, Position position) implements Checker {

    @Override
    public String keyword() {
        return "BFD_CHECK";
    }
}
