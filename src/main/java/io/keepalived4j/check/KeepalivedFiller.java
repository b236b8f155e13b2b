package io.keepalived4j.check;

import java.nio.charset.StandardCharsets;

/**
 * The bytes keepalived 2.2.7 sends where it has no data of its own (layer4.c set_buf()): {@code
 * "keepalived check - "} repeated and cut at the length. UDP_CHECK without a payload sends 32 of
 * them, PING_CHECK 128 as its echo data.
 */
final class KeepalivedFiller {

    private static final byte[] TEXT = "keepalived check - ".getBytes(StandardCharsets.US_ASCII);

    private KeepalivedFiller() {
    }

    static byte[] bytes(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = TEXT[i % TEXT.length];
        }
        return b;
    }
}
