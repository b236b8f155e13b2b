package io.keepalived4j.check;

/**
 * The reply UDP_CHECK's {@code require_reply HEX} expects, as keepalived 2.2.7 reads it
 * (parser.c read_hex_str() with a mask) and matches it (check_udp.c check_udp_reply()).
 *
 * <p>The text is what the configuration keeps: lower-case hex pairs, {@code x} for a nibble that
 * may be anything ({@code 1x} matches {@code 0x10} to {@code 0x1f}). A reply matches when its length
 * is within {@code [min, max]} and its first bytes agree with the pattern: only as many as both
 * have, so a reply shorter than the pattern matches on its length (2.2.7 compares "the lesser of
 * len and reply_len octets").
 */
final class UdpReplyPattern {

    private final byte[] data;
    private final byte[] wildcard;

    private UdpReplyPattern(byte[] data, byte[] wildcard) {
        this.data = data;
        this.wildcard = wildcard;
    }

    /** @param hex an even number of {@code 0-9 a-f x} characters (upper case accepted too) */
    static UdpReplyPattern of(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] data = new byte[hex.length() / 2];
        byte[] wildcard = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            int hi = nibble(hex.charAt(2 * i));
            int lo = nibble(hex.charAt(2 * i + 1));
            data[i] = (byte) (((hi < 0 ? 0 : hi) << 4) | (lo < 0 ? 0 : lo));
            wildcard[i] = (byte) ((hi < 0 ? 0xf0 : 0) | (lo < 0 ? 0x0f : 0));
        }
        return new UdpReplyPattern(data, wildcard);
    }

    /** Whether the first {@code length} bytes of {@code reply} are an acceptable reply. */
    boolean matches(byte[] reply, int length, int minLength, int maxLength) {
        if (length < minLength || length > maxLength) {
            return false;
        }
        int n = Math.min(length, data.length);
        for (int i = 0; i < n; i++) {
            if (((reply[i] ^ data[i]) & ~wildcard[i] & 0xff) != 0) {
                return false;
            }
        }
        return true;
    }

    // -1 for the wildcard
    private static int nibble(char c) {
        int v = Character.digit(c, 16);
        if (v >= 0) {
            return v;
        }
        if (c == 'x' || c == 'X') {
            return -1;
        }
        throw new IllegalArgumentException("not a hex digit or x: " + c);
    }
}
