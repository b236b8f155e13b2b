package io.keepalived4j.lb.persist;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.keepalived4j.lb.persist.Fixtures.dest;
import static io.keepalived4j.lb.persist.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sync datagram, byte for byte. */
class SyncCodecTest {

    static final String HEADER_ONE_ENTRY = "4b344a50" + "01" + "33" + "0001" + "0102030405060708";
    static final String IPV4_ENTRY = "11" + "5b31302e302e302e315d3a7463703a3830"     // "[10.0.0.1]:tcp:80"
            + "04" + "c0000200"                                                    // client 192.0.2.0
            + "04" + "0a000002" + "1f90"                                           // 10.0.0.2:8080
            + "000493e0";                                                          // 300,000 ms
    static final String IPV6_ENTRY = "15" + "5b323030313a6462383a3a315d3a7463703a343433"   // "[2001:db8::1]:tcp:443"
            + "06" + "20010db8000100020000000000000000"                                // 2001:db8:1:2::
            + "06" + "20010db8000000000000000000000010" + "01bb"                       // [2001:db8::10]:443
            + "000003e8";                                                              // 1,000 ms

    static final SyncEntry V4 = new SyncEntry("[10.0.0.1]:tcp:80", ip("192.0.2.0"), dest("10.0.0.2", 8080), 300_000);
    static final SyncEntry V6 = new SyncEntry("[2001:db8::1]:tcp:443", ip("2001:db8:1:2::"), dest("2001:db8::10", 443), 1_000);

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void anIpv4EntryEncodesToTheseBytes() {
        byte[] b = SyncCodec.encode(new SyncMessage(51, 0x0102030405060708L, List.of(V4)));
        assertThat(HexFormat.of().formatHex(b)).isEqualTo(HEADER_ONE_ENTRY + IPV4_ENTRY);
    }

    @Test
    void twoEntriesOfBothFamiliesDecodeFieldByField() {
        byte[] b = hex("4b344a50" + "01" + "ff" + "0002" + "fffffffffffffffe" + IPV4_ENTRY + IPV6_ENTRY);
        SyncDecodeResult r = SyncCodec.decode(ByteBuffer.wrap(b));
        assertThat(r).isEqualTo(new SyncDecodeResult.Decoded(new SyncMessage(255, -2L, List.of(V4, V6))));
        assertThat(SyncCodec.encode(new SyncMessage(255, -2L, List.of(V4, V6)))).isEqualTo(b);
    }

    @Test
    void theLargestRemainingLifetimeIsUnsigned() {
        SyncEntry e = new SyncEntry("s", ip("192.0.2.1"), dest("10.0.0.2", 0), SyncEntry.MAX_REMAINING_MILLIS);
        byte[] b = SyncCodec.encode(new SyncMessage(0, 0, List.of(e)));
        assertThat(HexFormat.of().formatHex(b, b.length - 4, b.length)).isEqualTo("ffffffff");
        assertThat(SyncCodec.decode(ByteBuffer.wrap(b))).isEqualTo(new SyncDecodeResult.Decoded(new SyncMessage(0, 0, List.of(e))));
    }

    @Test
    void batchesStayWithinTheDatagramBoundAndKeepTheOrder() {
        List<SyncEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(new SyncEntry("[10.0.0.1]:tcp:" + i, ip("192.0.2." + (i % 250)), dest("10.0.0.2", 80), i));
            entries.add(new SyncEntry("[2001:db8::1]:tcp:" + i, ip("2001:db8::" + Integer.toHexString(i + 1)), dest("2001:db8::10", 80), i));
        }
        List<byte[]> datagrams = SyncCodec.encode(7, 9, entries, SyncSettings.MIN_MAX_DATAGRAM);
        List<SyncEntry> back = new ArrayList<>();
        for (byte[] d : datagrams) {
            assertThat(d.length).isLessThanOrEqualTo(SyncSettings.MIN_MAX_DATAGRAM);
            var decoded = (SyncDecodeResult.Decoded) SyncCodec.decode(ByteBuffer.wrap(d));
            back.addAll(decoded.message().entries());
        }
        assertThat(back).isEqualTo(entries);
        assertThat(SyncCodec.encode(7, 9, entries, 1400)).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(1400));
        assertThat(SyncCodec.encode(7, 9, entries, 1400).size()).isLessThan(datagrams.size());
    }

    @Test
    void entriesOutsideTheFormatCannotBeMade() {
        assertThatThrownBy(() -> new SyncEntry("", ip("192.0.2.1"), dest("10.0.0.2", 80), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncEntry("x".repeat(256), ip("192.0.2.1"), dest("10.0.0.2", 80), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncEntry("s", ip("192.0.2.1"), dest("10.0.0.2", 80), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncMessage(256, 0, List.of(V4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncCodec.encode(new SyncMessage(1, 0, List.of()))).isInstanceOf(IllegalArgumentException.class);
    }
}
