package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static io.keepalived4j.lb.sched.TestDest.from;
import static io.keepalived4j.lb.sched.TestDest.picks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * mh against ip_vs_mh.c. A, B, C at 10.0.0.1..3 port 80, added in that order: the kernel's list is
 * C, B, A. Small tables use CONFIG_IP_VS_MH_TAB_INDEX 8 (M = 251, IP_VS_MH_TAB_BITS 4).
 *
 * <p>Permutations: v = ntohs(80) + ntohl(addr); h1 = hsiphash(v) under key 2654435761 (both words),
 * h2 under 2654446892 (SipHash-1-3 of the 4 bytes of v, little-endian, low 32 bits):
 * <pre>
 * C v 0x0a000053: h1 0x2cdf0afa = 752814842,  offset = h1 % 251 = 80;  h2 0xedeb33d0 = 3991614416, skip = h2 % 250 + 1 = 167
 * B v 0x0a000052: h1 0xa1cf683b = 2714724411, offset 26;              h2 0xfa5d46df = 4200416991, skip 242
 * A v 0x0a000051: h1 0x439c0cbe = 1134300350, offset 226;             h2 0x97b3dc47 = 2545146951, skip 202
 * </pre>
 * Population, one position per turn (weights 1), in list order C, B, A, a taken position moves on
 * by skip (mod 251):
 * <pre>
 * round 1: C 80;            B 26;           A 226
 * round 2: C 80->247;       B 26->17;       A 226->177
 * round 3: C 247->163;      B 17->8;        A 177->128
 * round 4: C 163->79;       B 8->250;       A 128->79 (C's) ->30
 * </pre>
 * ... until all 251 are taken: C 84, B 84, A 83 positions; positions 0..19 read BBAAAABBBAAABBBBBBCC.
 * Lookups: 192.168.1.10 port 0: hsiphash(0xc0a8010a) = 0xd5e959b6, % 251 = 196: B; with mh-port and
 * port 40000: hsiphash(0xc0a89d4a) = 0x18333be2, % 251 = 27: A.
 * (The values were worked with a separate SipHash written from the reference, checked against the
 * published vectors in {@link HashesTest}.)
 */
class MaglevHashTest {

    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 1);
    private final TestDest c = TestDest.of("C", 3, 1);

    private static MaglevHash<TestDest> small(boolean port, boolean fallback) {
        return new MaglevHash<>(port, fallback, 8);
    }

    private static String layout(MaglevHash<TestDest> mh, int from, int to) {
        return mh.lookup().subList(from, to).stream().map(d -> d.name).collect(Collectors.joining());
    }

    private static long count(MaglevHash<TestDest> mh, TestDest d) {
        return mh.lookup().stream().filter(x -> x == d).count();
    }

    @Test
    void permutationOffsetsAndSkipsFollowTheKernelKeys() {
        assertThat(Integer.toUnsignedLong(Hashes.hsipHash(MaglevHash.HASH1_KEY, MaglevHash.HASH1_KEY, 0x0a000053)))
                .isEqualTo(752814842L);
        assertThat(Integer.toUnsignedLong(Hashes.hsipHash(MaglevHash.HASH2_KEY, MaglevHash.HASH2_KEY, 0x0a000053)))
                .isEqualTo(3991614416L);
        assertThat(752814842L % 251).isEqualTo(80);
        assertThat(3991614416L % 250 + 1).isEqualTo(167);
    }

    @Test
    void populatesTheTableAsTheKernelDoes() {
        MaglevHash<TestDest> mh = small(false, false);
        mh.update(List.of(a, b, c));
        assertThat(mh.tableSize()).isEqualTo(251);
        assertThat(mh.lookup()).hasSize(251).doesNotContainNull();
        assertThat(mh.lookup().get(80)).isSameAs(c);
        assertThat(mh.lookup().get(26)).isSameAs(b);
        assertThat(mh.lookup().get(226)).isSameAs(a);
        assertThat(List.of(mh.lookup().get(247), mh.lookup().get(17), mh.lookup().get(177))).containsExactly(c, b, a);
        assertThat(List.of(mh.lookup().get(163), mh.lookup().get(8), mh.lookup().get(128))).containsExactly(c, b, a);
        assertThat(List.of(mh.lookup().get(79), mh.lookup().get(250), mh.lookup().get(30))).containsExactly(c, b, a);
        assertThat(layout(mh, 0, 20)).isEqualTo("BBAAAABBBAAABBBBBBCC");
        assertThat(List.of(count(mh, c), count(mh, b), count(mh, a))).containsExactly(84L, 84L, 83L);
    }

    @Test
    void looksUpTheClientAddressAndWithMhPortItsPort() {
        MaglevHash<TestDest> mh = small(false, false);
        mh.update(List.of(a, b, c));
        assertThat(picks(mh, 2, from("192.168.1.10", 40000))).isEqualTo("B B");
        MaglevHash<TestDest> withPort = small(true, false);
        withPort.update(List.of(a, b, c));
        assertThat(picks(withPort, 1, from("192.168.1.10", 0))).isEqualTo("B");
        assertThat(picks(withPort, 1, from("192.168.1.10", 40000))).isEqualTo("A");
        // 192.168.1.11 port 40000: hsiphash(0xc0a89d4b) % 251 = 137: C
        assertThat(picks(withPort, 1, from("192.168.1.11", 40000))).isEqualTo("C");
    }

    /** Quiescing keeps last_weight: the positions stay, B's clients find no destination, or fall back. */
    @Test
    void quiescingKeepsThePositionsAndMhFallbackWalksOn() {
        MaglevHash<TestDest> mh = small(false, false);
        MaglevHash<TestDest> fallback = small(false, true);
        mh.update(List.of(a, b, c));
        fallback.update(List.of(a, b, c));
        List<TestDest> before = mh.lookup();
        b.weight = 0;
        mh.update(List.of(a, b, c));
        fallback.update(List.of(a, b, c));
        assertThat(mh.lookup()).isEqualTo(before);
        assertThat(fallback.lookup()).isEqualTo(before);
        assertThat(picks(mh, 1, from("192.168.1.10", 0))).isEqualTo("-");

        // 192.168.1.10: ihash 196 (B); offset 0: roffset 196, hsiphash(196 + 0xc0a8010a) % 251 = 27: A
        assertThat(picks(fallback, 1, from("192.168.1.10", 0))).isEqualTo("A");
        a.overloaded = c.overloaded = true;
        assertThat(picks(fallback, 1, from("192.168.1.10", 0))).isEqualTo("-");
        b.weight = 1;
        fallback.update(List.of(a, b, c));
        assertThat(fallback.lookup()).isEqualTo(before);
        assertThat(picks(fallback, 1, from("192.168.1.10", 0))).isEqualTo("B");
    }

    @Test
    void removingADestinationMovesAlmostNothingElse() {
        MaglevHash<TestDest> mh = small(false, false);
        mh.update(List.of(a, b, c));
        List<TestDest> before = mh.lookup();
        mh.update(List.of(a, c));
        int moved = 0;
        for (int i = 0; i < 251; i++) {
            if (before.get(i) != b && before.get(i) != mh.lookup().get(i)) {
                moved++;
            }
        }
        assertThat(moved).isEqualTo(1);
        assertThat(List.of(count(mh, c), count(mh, a))).containsExactly(126L, 125L);
    }

    /** Weights 3, 2, 1: gcd 1, max 3, fls(3) - 4 < 0 so no shift; turns A 3, B 2, C 1 per round. */
    @Test
    void weightsGiveTurnsInProportion() {
        a.weight = 3;
        b.weight = 2;
        MaglevHash<TestDest> mh = small(false, false);
        mh.update(List.of(a, b, c));
        assertThat(List.of(count(mh, c), count(mh, b), count(mh, a))).containsExactly(42L, 84L, 125L);
        assertThat(layout(mh, 0, 24)).isEqualTo("AAAAAABBBAAABBBBBBBAAAAA");
    }

    /**
     * B 64, A 1: gcd 1, max / gcd 64, fls(64) = 7. With M 251 (IP_VS_MH_TAB_BITS 4) the shift is 3:
     * turns B 64 >> 3 = 8, A 1 >> 3 = 0 so 1. With M 4093 (bits 6) the shift is 1: B 32, A 1.
     */
    @Test
    void largeWeightsAreShiftedDown() {
        a.weight = 1;
        b.weight = 64;
        MaglevHash<TestDest> mh = small(false, false);
        mh.update(List.of(a, b));
        assertThat(List.of(count(mh, b), count(mh, a))).containsExactly(224L, 27L);
        MaglevHash<TestDest> big = new MaglevHash<>(false, false);
        big.update(List.of(a, b));
        assertThat(List.of(count(big, b), count(big, a))).containsExactly(3969L, 124L);
    }

    @Test
    void aDestinationAddedWithWeightZeroTakesNoPosition() {
        c.weight = 0;
        MaglevHash<TestDest> mh = small(false, true);
        mh.update(List.of(a, b, c));
        assertThat(List.of(count(mh, c), count(mh, b), count(mh, a))).containsExactly(0L, 126L, 125L);
        a.weight = 0;
        b.weight = 0;
        MaglevHash<TestDest> none = small(false, true);
        none.update(List.of(a, b));
        assertThat(none.lookup()).isEmpty();
        assertThat(picks(none, 1, from("192.168.1.10", 0))).isEqualTo("-");
    }

    @Test
    void theDefaultTableHas4093Positions() {
        MaglevHash<TestDest> mh = new MaglevHash<>(false, false);
        mh.update(List.of(a, b, c));
        assertThat(mh.tableSize()).isEqualTo(4093);
        assertThat(List.of(count(mh, c), count(mh, b), count(mh, a))).containsExactly(1365L, 1364L, 1364L);
        // hsiphash(0xc0a8010a) = 0xd5e959b6 = 3588839862, % 4093 = 3323: A
        assertThat(Integer.toUnsignedLong(0xd5e959b6) % 4093).isEqualTo(3323);
        assertThat(mh.lookup().get(3323)).isSameAs(a);
        assertThat(picks(mh, 1, from("192.168.1.10", 0))).isEqualTo("A");
    }

    @Test
    void anEmptyServiceHasNoDestination() {
        MaglevHash<TestDest> mh = small(true, true);
        assertThat(picks(mh, 1, from("192.168.1.10", 0))).isEqualTo("-");
        mh.update(List.of(a));
        assertThat(mh.lookup()).allMatch(d -> Objects.equals(d, a));
        mh.update(List.of());
        assertThat(picks(mh, 1, from("192.168.1.10", 0))).isEqualTo("-");
    }
}
