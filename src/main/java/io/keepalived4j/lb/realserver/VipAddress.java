package io.keepalived4j.lb.realserver;

import java.net.InetAddress;

/** A VIP given on the command line: a literal IPv4 or IPv6 address, never a name to resolve. */
final class VipAddress {

    private VipAddress() {
    }

    /** @throws IllegalArgumentException when {@code text} is not an address literal */
    static InetAddress parse(String text) {
        try {
            // ofLiteral never asks DNS (getByName would, for anything that is not a literal).
            return InetAddress.ofLiteral(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
