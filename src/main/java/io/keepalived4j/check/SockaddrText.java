package io.keepalived4j.check;

import io.keepalived4j.config.model.IpText;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Addresses as keepalived 2.2.7's lib/utils.c prints them in checker lines. */
final class SockaddrText {

    // FMT_RS / FMT_CHK: inet_sockaddrtotrio(), "[10.0.0.2]:tcp:25"
    private static final Pattern TRIO = Pattern.compile("(\\[.*]):[^:]*:(\\d+)");

    private SockaddrText() {
    }

    /** inet_sockaddrtopair(): {@code [10.0.0.2]:25}, {@code [2001:db8::2]:53}. */
    static String pair(InetAddress address, int port) {
        return "[" + IpText.of(address) + "]:" + port;
    }

    /** The pair of a server given as FMT_CHK text ({@code [10.0.0.2]:tcp:25} gives {@code [10.0.0.2]:25}). */
    static String pairOf(String server) {
        Matcher m = TRIO.matcher(server);
        return m.matches() ? m.group(1) + ":" + m.group(2) : server;
    }
}
