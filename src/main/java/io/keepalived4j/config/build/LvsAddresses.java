package io.keepalived4j.config.build;

import io.keepalived4j.config.model.InetAton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * keepalived's address readers for the LVS side: {@code inet_stosockaddr()} (an address, an
 * optional port; a {@code -range} or {@code /prefix} suffix is ignored here) and
 * {@code inet_aton()} (persistence_granularity netmasks). Never does DNS.
 */
final class LvsAddresses {

    private LvsAddresses() {
    }

    /** An address and port (0 when none), or why keepalived refuses it. */
    record SocketAddress(InetAddress address, int port, String problem) {
        boolean ok() {
            return address != null;
        }
    }

    /**
     * inet_stosockaddr(ip, port): the family is IPv6 when the text has a ':' anywhere, the address
     * ends at the first '-' or '/', and a port made only of zeros counts as no port (keepalived
     * accepts {@code 0} for legacy configurations).
     */
    static SocketAddress socket(String ip, String port) {
        int p = 0;
        if (port != null && !port.chars().allMatch(c -> c == '0')) {
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(port, 1, 65535);
            if (!r.accepted()) {
                return new SocketAddress(null, 0, r.problem());
            }
            p = (int) r.value();
        }
        Optional<InetAddress> a = address(ip);
        return a.isPresent() ? new SocketAddress(a.get(), p, null) : new SocketAddress(null, 0, "not an IP address");
    }

    /** The address part of {@code ip}, parsed strictly in the family its text implies. */
    static Optional<InetAddress> address(String ip) {
        boolean v6 = ip.indexOf(':') >= 0;
        int cut = firstOf(ip, '-', '/');
        String text = cut < 0 ? ip : ip.substring(0, cut);
        Optional<InetAddress> a = Values.parseIp(text);
        if (a.isEmpty() || (a.get() instanceof Inet6Address) != v6) {
            return Optional.empty();
        }
        return a;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    /** inet_aton() (persistence_granularity netmasks): {@link InetAton#parse}. */
    static Optional<Inet4Address> aton(String text) {
        return InetAton.parse(text);
    }
}
