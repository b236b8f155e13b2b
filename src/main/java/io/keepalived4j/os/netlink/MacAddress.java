package io.keepalived4j.os.netlink;

import java.util.HexFormat;

/** A 48-bit MAC address, e.g. the VRRP virtual MAC {@code 00:00:5e:00:01:VRID}. */
public record MacAddress(long value) {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    public MacAddress {
        if ((value & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("more than 48 bits: " + Long.toHexString(value));
        }
    }

    /** RFC 5798 section 7.3: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6. */
    public static MacAddress vrrp(int vrid, boolean ipv6) {
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("VRID out of 1..255: " + vrid);
        }
        return new MacAddress(0x00005e000000L | (ipv6 ? 0x0200L : 0x0100L) | vrid);
    }

    public static MacAddress of(byte[] octets) {
        if (octets.length != 6) {
            throw new IllegalArgumentException("a MAC has 6 octets, not " + octets.length);
        }
        long v = 0;
        for (byte b : octets) {
            v = (v << 8) | (b & 0xff);
        }
        return new MacAddress(v);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff}. */
    public static MacAddress parse(String text) {
        return of(COLONS.parseHex(text));
    }

    public byte[] octets() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (value >>> (40 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        return COLONS.formatHex(octets());
    }
}
