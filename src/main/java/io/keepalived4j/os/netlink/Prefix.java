package io.keepalived4j.os.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address and prefix length, e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/64}, or a default
 * route's {@code 0.0.0.0/0}. Host bits are kept as written (the kernel rejects a route whose
 * destination has them set, with EINVAL, as {@code ip route} users see).
 */
public record Prefix(InetAddress address, int length) {

    public Prefix {
        int max = maxLength(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of 0.." + max);
        }
    }

    /** A whole-host prefix: /32 or /128. */
    public static Prefix host(InetAddress address) {
        return new Prefix(address, maxLength(address));
    }

    /** {@code 0.0.0.0/0} or {@code ::/0}. */
    public static Prefix defaultRoute(int family) {
        return new Prefix(AddressFamily.any(family), 0);
    }

    /** Parses {@code ADDR[/LEN]} (numeric only) or {@code default} (IPv4). */
    public static Prefix parse(String text) {
        if (text.equals("default")) {
            return defaultRoute(AddressFamily.AF_INET);
        }
        int slash = text.indexOf('/');
        InetAddress address = AddressFamily.parseNumeric(slash < 0 ? text : text.substring(0, slash));
        return slash < 0 ? host(address) : new Prefix(address, Integer.parseInt(text.substring(slash + 1)));
    }

    public int family() {
        return AddressFamily.of(address);
    }

    static int maxLength(InetAddress address) {
        return address instanceof Inet6Address ? 128 : 32;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }

    /** IPv4 broadcast of this prefix ({@code brd +}): the address with all host bits set. */
    InetAddress broadcast() {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("broadcast is IPv4 only: " + this);
        }
        byte[] b = address.getAddress();
        for (int bit = length; bit < 32; bit++) {
            b[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
