package io.keepalived4j.config.model.lvs;

import java.util.Locale;
import java.util.Optional;

/** The layer-4 protocol of a virtual service ({@code protocol TCP|UDP|SCTP}, case-insensitive). */
public enum Protocol {
    TCP, UDP, SCTP;

    /** keepalived's spelling in log lines: {@code [10.0.0.1]:tcp:80}. */
    public String logName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Protocol> parse(String text) {
        for (Protocol p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code none} when no protocol is set, as keepalived prints it. */
    public static String logName(Optional<Protocol> protocol) {
        return protocol.map(Protocol::logName).orElse("none");
    }
}
