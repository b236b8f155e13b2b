package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

/** {@code TCP_CHECK}: the server is up when a TCP connection succeeds. */
public record TcpCheck(ConnectionOptions connection, CheckerTiming timing, Position position)
        implements ConnectingChecker {

    @Override
    public String keyword() {
        return "TCP_CHECK";
    }
}
