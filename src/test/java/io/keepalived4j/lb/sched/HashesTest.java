package io.keepalived4j.lb.sched;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel's hashes: SipHash against the published vectors, hsiphash against the 64-bit vectors
 * of the kernel's own self-test (lib/test_siphash.c), hash_32 and the address folding by hand.
 */
class HashesTest {

    /** The reference key 00 01 .. 0f, read as two little-endian words. */
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    private static byte[] firstBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** SipHash-2-4 of the messages 00, 00 01, ... (length n) under key 00..0f: the reference vectors (vectors.h). */
    @ParameterizedTest
    @CsvSource({
            "0, 726fdb47dd0e0e31",
            "1, 74f839c593dc67fd",
            "7, ab0200f58b01d137",
            "8, 93f5f5799a932462",
            // the paper's appendix A example: 15 bytes 00..0e
            "15, a129ca6149be45e5",
            "16, 3f2acc7f57c29bdb",
            "63, 958a324ceb064572"})
    void sipHash24MatchesTheReferenceVectors(int length, String expected) {
        assertThat(Hashes.sipHash(2, 4, K0, K1, firstBytes(length))).isEqualTo(Long.parseUnsignedLong(expected, 16));
    }

    /** hsiphash on a 64-bit kernel (SipHash-1-3, low 32 bits): lib/test_siphash.c's test_vectors_hsiphash. */
    @ParameterizedTest
    @CsvSource({
            "0, 050fc4dc",
            "1, 7d57ca93",
            "4, 88d38328",
            "8, 8d299a8e",
            "15, 2a519956",
            "16, 7d908b66",
            "63, b7bbb3a8"})
    void hsipHashMatchesTheKernelSelfTest(int length, String expected) {
        assertThat(Hashes.hsipHash(K0, K1, firstBytes(length))).isEqualTo(Integer.parseUnsignedInt(expected, 16));
    }

    @Test
    void hsipHashOfAU32HashesItsLittleEndianBytes() {
        // hsiphash_1u32(0x03020100) = hsiphash of the bytes 00 01 02 03 = vector 4 (lib/test_siphash.c)
        assertThat(Hashes.hsipHash(K0, K1, 0x03020100)).isEqualTo(0x88d38328);
    }

    @Test
    void hash32TakesTheTopBitsOfTheGoldenRatioProduct() {
        // 0xc0a8010a (192.168.1.10) * 0x61c88647 = 0x499690b2f8f385c6; mod 2^32 0xf8f385c6; top 8 bits 0xf8
        assertThat(Hashes.hash32(0xc0a8010a, 8)).isEqualTo(0xf8);
        // 0x0a010002 * 0x61c88647 mod 2^32 = 0x0fd80c8e: top 8 bits 0x0f = 15, top 10 bits 63
        assertThat(Hashes.hash32(0x0a010002, 8)).isEqualTo(15);
        assertThat(Hashes.hash32(0x0a010002, 10)).isEqualTo(63);
        assertThat(Hashes.hash32(0, 8)).isZero();
    }

    @Test
    void foldIsTheHostOrderAddressAndXorsTheWordsOfAnIpv6Address() {
        assertThat(Hashes.fold(TestDest.ip("192.168.1.10"))).isEqualTo(0xc0a8010a);
        // 2001:0db8:0000:0000:0000:0000:0000:0010 -> 0x20010db8 ^ 0 ^ 0 ^ 0x00000010
        assertThat(Hashes.fold(TestDest.ip("2001:db8::10"))).isEqualTo(0x20010da8);
    }
}
