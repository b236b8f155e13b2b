package io.keepalived4j.vrrp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the frames of a classic pcap file (Ethernet link type), for the golden tests. */
final class Pcap {

    private Pcap() {
    }

    static List<byte[]> frames(String resource) throws IOException {
        byte[] all;
        try (InputStream in = Pcap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            all = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        if (b.getInt(20) != 1) {
            throw new IOException(resource + ": link type " + b.getInt(20) + " is not Ethernet");
        }
        List<byte[]> frames = new ArrayList<>();
        int at = 24;
        while (at + 16 <= all.length) {
            int captured = b.getInt(at + 8);
            int start = at + 16;
            frames.add(Arrays.copyOfRange(all, start, start + captured));
            at = start + captured;
        }
        return frames;
    }

    static byte[] hex(String text) {
        String h = text.replaceAll("\\s+", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
