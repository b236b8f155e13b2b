package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.keepalived4j.lb.persist.SyncCodecTest.HEADER_ONE_ENTRY;
import static io.keepalived4j.lb.persist.SyncCodecTest.IPV4_ENTRY;
import static io.keepalived4j.lb.persist.SyncCodecTest.IPV6_ENTRY;
import static io.keepalived4j.lb.persist.SyncCodecTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever arrives on the sync port, the decoder answers with a reason and never throws. */
class SyncCodecMalformedTest {

    private static SyncDecodeResult decode(byte[] b) {
        return SyncCodec.decode(ByteBuffer.wrap(b));
    }

    private static SyncDecodeResult.Rejected rejected(SyncReject r) {
        return new SyncDecodeResult.Rejected(r);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] whole = hex("4b344a50" + "01" + "33" + "0002" + "0102030405060708" + IPV4_ENTRY + IPV6_ENTRY);
        assertThat(decode(whole)).isInstanceOf(SyncDecodeResult.Decoded.class);
        for (int n = 0; n < whole.length; n++) {
            SyncDecodeResult r = decode(Arrays.copyOf(whole, n));
            assertThat(r).as("first %d bytes", n).isIn(rejected(SyncReject.TRUNCATED), rejected(SyncReject.BAD_COUNT));
        }
        assertThat(decode(Arrays.copyOf(whole, 15))).isEqualTo(rejected(SyncReject.TRUNCATED));
        assertThat(decode(Arrays.copyOf(whole, whole.length - 1))).isEqualTo(rejected(SyncReject.TRUNCATED));
    }

    @ParameterizedTest
    @CsvSource({
            // what, hex, reason
            "bad magic,          4b344a51" + "01" + "33" + "0001" + "0102030405060708, BAD_MAGIC",
            "an IPVS sync v1 header, 00010203040506070809, BAD_MAGIC",
            "version 0,          4b344a50" + "00" + "33" + "0001" + "0102030405060708, BAD_VERSION",
            "version 2,          4b344a50" + "02, BAD_VERSION",
            "no entries,         4b344a50" + "01" + "33" + "0000" + "0102030405060708, BAD_COUNT",
            "65535 entries,      4b344a50" + "01" + "33" + "ffff" + "0102030405060708" + IPV4_ENTRY + ", BAD_COUNT",
            "empty service id,   4b344a50" + "01" + "33" + "0001" + "0102030405060708" + "00" + "04c0000200040a0000021f90000493e0" + "00, BAD_SERVICE",
            "not UTF-8,          4b344a50" + "01" + "33" + "0001" + "0102030405060708" + "02c328" + "04c0000200040a0000021f90000493e0, BAD_SERVICE",
            "family 5,           4b344a50" + "01" + "33" + "0001" + "0102030405060708" + "0161" + "05c0000200040a0000021f90000493e0, BAD_FAMILY",
            "destination family 0, 4b344a50" + "01" + "33" + "0001" + "0102030405060708" + "0161" + "04c0000200000a0000021f90000493e0, BAD_FAMILY",
            "a byte too many,    " + HEADER_ONE_ENTRY + IPV4_ENTRY + "00, TRAILING_BYTES",
    })
    void aDefectNamesItsReason(String what, String bytes, SyncReject reason) {
        assertThat(decode(hex(bytes.strip()))).as(what).isEqualTo(rejected(reason));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void randomAndMutatedBytesNeverThrow(long seed) {
        System.out.println("SyncCodecMalformedTest seed " + seed);
        Random r = new Random(seed);
        byte[] valid = hex("4b344a50" + "01" + "33" + "0002" + "0102030405060708" + IPV4_ENTRY + IPV6_ENTRY);
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                if (b.length >= 5 && r.nextBoolean()) {
                    System.arraycopy(valid, 0, b, 0, 5);          // get past magic and version
                }
            } else {
                b = valid.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                b = Arrays.copyOf(b, Math.max(0, b.length - r.nextInt(3) + r.nextInt(3)));
            }
            SyncDecodeResult result = decode(b);
            assertThat(result).isNotNull();
            if (result instanceof SyncDecodeResult.Decoded d) {
                // Whatever decodes re-encodes to a datagram that decodes the same.
                assertThat(decode(SyncCodec.encode(d.message()))).isEqualTo(d);
            }
        }
    }

    @Test
    void aHugeCountIsRefusedBeforeAnythingIsAllocatedForIt() {
        byte[] b = hex("4b344a50" + "01" + "33" + "ffff" + "0102030405060708" + IPV4_ENTRY.repeat(3));
        assertThat(decode(b)).isEqualTo(rejected(SyncReject.BAD_COUNT));
        assertThat(List.of(SyncReject.values())).hasSize(7);
    }
}
