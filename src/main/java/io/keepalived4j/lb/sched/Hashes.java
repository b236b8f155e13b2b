package io.keepalived4j.lb.sched;

import java.net.InetAddress;

/**
 * The kernel's hash functions the schedulers use: {@code hash_32} (include/linux/hash.h), the
 * address folding of ip_vs_dh.c / ip_vs_sh.c / ip_vs_mh.c, and SipHash as lib/siphash.c computes
 * it (on a 64-bit kernel {@code hsiphash} is SipHash-1-3 with 64-bit words, truncated to 32 bits).
 */
final class Hashes {

    /** include/linux/hash.h. */
    static final int GOLDEN_RATIO_32 = 0x61C88647;

    private Hashes() {
    }

    /** {@code hash_32(val, bits)}: the top {@code bits} bits of {@code val * GOLDEN_RATIO_32} (mod 2^32). */
    static int hash32(int val, int bits) {
        return (val * GOLDEN_RATIO_32) >>> (32 - bits);
    }

    /**
     * {@code ntohl(addr_fold)}: an IPv4 address as a host-order integer; for IPv6 the XOR of its four
     * 32-bit words ({@code addr->ip6[0] ^ ... ^ addr->ip6[3]}).
     */
    static int fold(InetAddress address) {
        byte[] b = address.getAddress();
        int r = 0;
        for (int i = 0; i < b.length; i += 4) {
            r ^= (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
        }
        return r;
    }

    /**
     * SipHash-c-d of {@code message} with the key words {@code k0}, {@code k1} (the key's bytes read
     * little-endian), as in the reference implementation and lib/siphash.c; c=2, d=4 is SipHash-2-4.
     */
    static long sipHash(int c, int d, long k0, long k1, byte[] message) {
        long[] v = {0x736f6d6570736575L ^ k0, 0x646f72616e646f6dL ^ k1, 0x6c7967656e657261L ^ k0,
                0x7465646279746573L ^ k1};
        int whole = message.length & ~7;
        for (int i = 0; i < whole; i += 8) {
            long m = littleEndian(message, i, 8);
            v[3] ^= m;
            rounds(v, c);
            v[0] ^= m;
        }
        long b = ((long) message.length) << 56 | littleEndian(message, whole, message.length - whole);
        v[3] ^= b;
        rounds(v, c);
        v[0] ^= b;
        v[2] ^= 0xff;
        rounds(v, d);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    /** lib/siphash.c's {@code hsiphash} on a 64-bit kernel: SipHash-1-3, the low 32 bits. */
    static int hsipHash(long k0, long k1, byte[] message) {
        return (int) sipHash(1, 3, k0, k1, message);
    }

    /**
     * {@code hsiphash(&v, sizeof(v), key)} of a u32 on a little-endian machine (x86-64, arm64): the
     * four bytes of {@code v} in memory, least significant first.
     */
    static int hsipHash(long k0, long k1, int v) {
        return hsipHash(k0, k1, new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    private static long littleEndian(byte[] b, int off, int len) {
        long r = 0;
        for (int i = len - 1; i >= 0; i--) {
            r = r << 8 | (b[off + i] & 0xffL);
        }
        return r;
    }

    private static void rounds(long[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[0] += v[1];
            v[1] = Long.rotateLeft(v[1], 13);
            v[1] ^= v[0];
            v[0] = Long.rotateLeft(v[0], 32);
            v[2] += v[3];
            v[3] = Long.rotateLeft(v[3], 16);
            v[3] ^= v[2];
            v[0] += v[3];
            v[3] = Long.rotateLeft(v[3], 21);
            v[3] ^= v[0];
            v[2] += v[1];
            v[1] = Long.rotateLeft(v[1], 17);
            v[1] ^= v[2];
            v[2] = Long.rotateLeft(v[2], 32);
        }
    }
}
