package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

/** {@code PING_CHECK}: the server is up when it answers an ICMP (or ICMPv6) echo request. */
public record PingCheck(ConnectionOptions connection, CheckerTiming timing, Position position)
        implements ConnectingChecker {

    @Override
    public String keyword() {
        return "PING_CHECK";
    }
}
