package io.keepalived4j.daemon.net;

import io.keepalived4j.config.Position;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The words of one {@code ip route}/{@code ip rule} style line, with a cursor, and the shared
 * name tables ({@code /etc/iproute2/rt_tables}, {@code rt_protos} defaults). Parsing errors are
 * {@link IllegalArgumentException}s carrying the line, its position and the word number; the
 * converters turn them into {@link Conversion.Failed}.
 */
final class RouteWords {

    /** RTPROT_KEEPALIVED: keepalived marks its routes and rules {@code proto keepalived} (observed with 2.2.7). */
    static final int RTPROT_KEEPALIVED = 18;

    private static final Map<String, Integer> TABLES = Map.of("main", 254, "local", 255, "default", 253);
    private static final Map<String, Integer> PROTOCOLS = Map.of("kernel", 2, "boot", 3, "static", 4, "dhcp", 16,
            "keepalived", RTPROT_KEEPALIVED, "babel", 42, "bird", 12, "zebra", 11);

    private final List<String> words;
    private final String prefix;
    private int next;

    RouteWords(String what, String text, Position position) {
        this.words = Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        this.prefix = position + ": " + what + " '" + text.strip() + "': ";
    }

    boolean hasNext() {
        return next < words.size();
    }

    String next() {
        return words.get(next++);
    }

    /** 1-based number of the word last returned by {@link #next()}. */
    int wordNumber() {
        return next;
    }

    /** The value after a keyword. */
    String value(String keyword) {
        if (!hasNext()) {
            throw error("'" + keyword + "' needs a value at word " + wordNumber());
        }
        return next();
    }

    IllegalArgumentException unsupported(String word) {
        return error("unsupported '" + word + "' at word " + wordNumber());
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(prefix + message);
    }

    String where() {
        return prefix;
    }

    int table(String text) {
        Integer named = TABLES.get(text);
        return named != null ? named : (int) number(text, "table", 1, Integer.MAX_VALUE);
    }

    int protocol(String text) {
        Integer named = PROTOCOLS.get(text);
        return named != null ? named : (int) number(text, "proto", 0, 255);
    }

    long number(String text, String what, long min, long max) {
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the position
        }
        throw error("bad " + what + " '" + text + "' at word " + wordNumber() + " (" + min + ".." + max + ")");
    }
}
