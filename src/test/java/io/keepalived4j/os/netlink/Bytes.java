package io.keepalived4j.os.netlink;

import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/** Literal wire bytes for codec tests, written as the kernel lays them out on little-endian hosts. */
final class Bytes {

    private Bytes() {}

    /** "10 00 14 00" -> bytes; spaces, line breaks and {@code #} comments to the end of a line are ignored. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("#[^\\n]*", "").replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /** Netlink headers are in host order; these literals are little-endian (x86-64, aarch64). */
    static void assumeLittleEndian() {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "literals are little-endian");
    }

    static NetlinkMessage single(String hexDatagram) {
        byte[] d = hex(hexDatagram);
        var all = NetlinkMessage.parseAll(d, d.length);
        if (all.size() != 1) {
            throw new AssertionError("expected one message, got " + all.size());
        }
        return all.getFirst();
    }
}
