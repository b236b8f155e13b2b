package io.keepalived4j.config.model;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * {@code inet_aton(3)}, as keepalived reads IPv4 netmasks ({@code persistence_granularity}): one
 * to four parts, each decimal, octal (leading 0) or hex (0x), the last part filling the remaining
 * bytes ({@code 255.255.255} is 255.255.0.255). The config builder validates with it and the load
 * balancer masks with it, so both read a netmask the same way.
 */
public final class InetAton {

    private InetAton() {
    }

    /** The address {@code text} means to inet_aton(), or empty where inet_aton() fails. */
    public static Optional<Inet4Address> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> n = part(parts[i]);
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

    private static Optional<Long> part(String p) {
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
