package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code DNS_CHECK}: sends a recursive query over UDP and expects a response with RCODE 0.
 *
 * @param type the query type (default SOA)
 * @param name the query name (default ".")
 */
public record DnsCheck(ConnectionOptions connection, CheckerTiming timing, Type type, String name,
                       Position position) implements ConnectingChecker {

    public static final String DEFAULT_NAME = ".";

    @Override
    public String keyword() {
        return "DNS_CHECK";
    }

    /** The query types keepalived 2.2.7 knows, case-insensitive in the configuration. */
    public enum Type {
        A(1), NS(2), CNAME(5), SOA(6), MX(15), TXT(16), AAAA(28), RRSIG(46), DNSKEY(48);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The QTYPE value on the wire. */
        public int code() {
            return code;
        }

        public static Optional<Type> parse(String text) {
            try {
                return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
