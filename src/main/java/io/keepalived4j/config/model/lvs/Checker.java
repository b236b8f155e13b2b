package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

/**
 * A health checker of a real server. Checkers that run on a timer are {@link TimedChecker}s;
 * those that open a connection to the server are {@link ConnectingChecker}s. FILE_CHECK and
 * BFD_CHECK react to events instead.
 */
public sealed interface Checker permits TimedChecker, FileCheck, BfdCheck {

    /** The block keyword, e.g. {@code TCP_CHECK}. */
    String keyword();

    Position position();
}
