package io.keepalived4j.vrrp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the frames of a classic pcap file (Ethernet link type), for the golden tests and for the
 * namespace lab's live captures ({@code testsupport.lab.PacketCapture}), which need the timestamps.
 */
public final class Pcap {

    /** One captured frame: when the kernel saw it, and its bytes from the Ethernet header on. */
    public record Frame(Instant time, byte[] bytes) {}

    // tcpdump writes microsecond files; 0xa1b23c4d is the nanosecond-resolution variant.
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

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
        return parse(all, resource).stream().map(Frame::bytes).toList();
    }

    /** The frames of a pcap file with their capture timestamps, in file order. */
    public static List<Frame> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    private static List<Frame> parse(byte[] all, String name) throws IOException {
        if (all.length < 24) {
            throw new IOException(name + ": " + all.length + " bytes is shorter than a pcap header");
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        if (b.getInt(20) != 1) {
            throw new IOException(name + ": link type " + b.getInt(20) + " is not Ethernet");
        }
        long fractionToNanos = magic == MAGIC_NANOS ? 1 : 1000;
        List<Frame> frames = new ArrayList<>();
        int at = 24;
        while (at + 16 <= all.length) {
            long seconds = Integer.toUnsignedLong(b.getInt(at));
            long fraction = Integer.toUnsignedLong(b.getInt(at + 4));
            int captured = b.getInt(at + 8);
            int start = at + 16;
            if (captured < 0 || start + captured > all.length) {
                break; // a record cut short by a capture that was still being written
            }
            frames.add(new Frame(Instant.ofEpochSecond(seconds, fraction * fractionToNanos),
                    Arrays.copyOfRange(all, start, start + captured)));
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
