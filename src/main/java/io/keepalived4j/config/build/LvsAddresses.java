package io.keepalived4j.config.build;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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

    /**
     * inet_aton(): one to four parts, each decimal, octal (leading 0) or hex (0x), the last part
     * filling the remaining bytes ({@code 255.255.255} is 255.255.0.255).
     */
    static Optional<Inet4Address> aton(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> n = atonPart(parts[i]);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            v[i] = n.get();
        }
        long addr = 0;
        int lastBytes = 5 - parts.length;
        for (int i = 0; i < parts.length - 1; i++) {
            if (v[i] > 255) {
                return Optional.empty();
            }
            addr = (addr << 8) | v[i];
        }
        long last = v[parts.length - 1];
        if (last >= (1L << (8 * lastBytes))) {
            return Optional.empty();
        }
        addr = (addr << (8 * lastBytes)) | last;
        byte[] b = {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> atonPart(String p) {
        try {
            if (p.startsWith("0x") || p.startsWith("0X")) {
                return p.length() > 2 ? Optional.of(Long.parseLong(p.substring(2), 16)) : Optional.empty();
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return Optional.of(Long.parseLong(p.substring(1), 8));
            }
            return p.isEmpty() || !p.chars().allMatch(Character::isDigit) ? Optional.empty() : Optional.of(Long.parseLong(p));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
