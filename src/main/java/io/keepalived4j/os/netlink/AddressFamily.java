package io.keepalived4j.os.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** AF_INET/AF_INET6 numbers and address helpers that never resolve names. */
public final class AddressFamily {

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private AddressFamily() {}

    public static int of(InetAddress address) {
        return address instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    static InetAddress any(int family) {
        return fromBytes(new byte[family == AF_INET6 ? 16 : 4]);
    }

    static InetAddress fromBytes(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + raw.length + " bytes", e);
        }
    }

    /** A numeric IPv4/IPv6 literal; names are refused so that no DNS lookup can happen. */
    static InetAddress parseNumeric(String text) {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not a numeric address: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address: " + text, e);
        }
    }
}
