package io.keepalived4j.cli;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The status endpoint's address on the command line: {@code PORT} (on 127.0.0.1, the default
 * host: status is for the machine itself unless the operator says otherwise), {@code HOST:PORT}
 * or {@code [IPv6]:PORT}.
 */
final class StatusAddress {

    /** The port {@code keepalived4j status} asks when not told otherwise. */
    static final int DEFAULT_PORT = 9650;

    private StatusAddress() {
    }

    static Optional<InetSocketAddress> parse(String text) {
        String host = "127.0.0.1";
        String port = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                return Optional.empty();
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (p < 0 || p > 65535 || host.isEmpty()) {
            return Optional.empty();
        }
        InetSocketAddress a = new InetSocketAddress(host, p);
        return a.isUnresolved() ? Optional.empty() : Optional.of(a);
    }
}
