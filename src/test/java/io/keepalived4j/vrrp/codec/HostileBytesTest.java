package io.keepalived4j.vrrp.codec;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Any bytes decode to a packet or a reason, never an exception (STYLE.md rule 4). */
class HostileBytesTest {

    private static final long SEED = Long.getLong("vrrp.fuzz.seed", 20261125L);

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(0, 200)];
            r.nextBytes(b);
            if (b.length > 14 && r.nextBoolean()) {
                b[12] = 0x08;
                b[13] = 0x00;
                b[14] = 0x45;
                if (b.length > 23) {
                    b[23] = 112;
                }
            }
            DecodeResult res = VrrpDecoder.ethernet(b, r.nextBoolean());
            assertThat(res).as("seed " + SEED + " case " + i).isNotNull();
            if (res instanceof DecodeResult.Rejected rej) {
                assertThat(rej.reason()).isNotNull();
            }
            assertThat(VrrpDecoder.ipv4(b, 0, b.length, false)).isNotNull();
        }
    }

    @Test
    void mutatedGoldenPacketsNeverThrowAndBadChecksumsAreSeen() throws IOException {
        SplittableRandom r = new SplittableRandom(SEED);
        List<byte[]> frames = Pcap.frames("/vrrp/v2.pcap");
        int checksumFailures = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] f = frames.get(r.nextInt(frames.size())).clone();
            int flips = 1 + r.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int at = 14 + 20 + r.nextInt(Math.max(1, f.length - 34));
                if (at < f.length) {
                    f[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            DecodeResult res = VrrpDecoder.ethernet(f, false);
            if (res instanceof DecodeResult.Decoded d && !d.checksumOk()) {
                checksumFailures++;
            }
        }
        assertThat(checksumFailures).as("bit flips in the VRRP message break the checksum").isGreaterThan(1000);
    }

    @Test
    void truncatedAndForeignPacketsGetReasons() {
        assertThat(VrrpDecoder.ethernet(new byte[10], false)).isEqualTo(new DecodeResult.Rejected(RejectReason.TRUNCATED, "10 bytes"));
        byte[] ah = Pcap.hex("0100 5e00 0012 b63d 69c5 f55d 0800 45c0 002c 0001 0000 ff33 d08c 0a00 0002 e000"
                + "0012 2133 6402 0101 f781 0a00 0064 0a00 0065 7365 6372 6574 3132");
        assertThat(VrrpDecoder.ethernet(ah, false)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.AH_UNSUPPORTED));
        byte[] shortVrrp = Pcap.hex("0100 5e00 0012 b63d 69c5 f55d 0800 45c0 0020 0001 0000 ff70 d08c 0a00 0002 e000"
                + "0012 2133 6402 0101 f781 0a00 0064");
        assertThat(VrrpDecoder.ethernet(shortVrrp, false)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.LENGTH_MISMATCH));
    }

    @Test
    void anAdvertWithBytesAfterItIsRejectedAsKeepalivedRejectsIt() {
        // VRID 51, priority 150, PASS secret12, correct checksum, then 4 zero bytes inside the IP
        // length (the flood benchmark's frame): keepalived 2.2.7 logs "vrrp packet too long, length
        // 44 and expect 40" and drops it; judged on its first 40 bytes it would win an election.
        byte[] ip = Pcap.hex("45c0002c00010000ff70cf630a6300c8e0000012213396010101cf840a63006473656372657431320000"
                + "0000");
        assertThat(VrrpDecoder.ipv4(ip, 0, ip.length, false)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.LENGTH_MISMATCH));
        byte[] message = java.util.Arrays.copyOfRange(ip, 20, ip.length);
        assertThat(VrrpDecoder.message(message, 0, message.length, InetAddress.ofLiteral("10.99.0.200"),
                InetAddress.ofLiteral("224.0.0.18"), 255, false)).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(VrrpDecoder.message(message, 0, message.length - 4, InetAddress.ofLiteral("10.99.0.200"),
                InetAddress.ofLiteral("224.0.0.18"), 255, false)).as("without the tail").isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void ttlOtherThan255IsRejectedForMulticast() throws Exception {
        byte[] f = Pcap.hex("0100 5e00 0012 b63d 69c5 f55d 0800 45c0 002c 0001 0000 4070 d08c 0a00 0002 e000"
                + "0012 2133 6402 0101 f781 0a00 0064 0a00 0065 7365 6372 6574 3132");
        DecodeResult.Decoded d = (DecodeResult.Decoded) VrrpDecoder.ethernet(f, false);
        assertThat(d.ttl()).isEqualTo(64);
        AdvertValidator.Expectations e = new AdvertValidator.Expectations(51, 2, 1, "secret12".getBytes(), 100,
                d.packet().addresses(), true);
        assertThat(AdvertValidator.check(d, e)).contains(RejectReason.BAD_TTL);
        RejectCounters counters = new RejectCounters();
        AdvertValidator.check(d, e).ifPresent(counters::count);
        assertThat(counters.snapshot()).containsEntry(RejectReason.BAD_TTL, 1L);
    }
}
