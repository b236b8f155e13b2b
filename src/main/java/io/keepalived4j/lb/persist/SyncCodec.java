package io.keepalived4j.lb.persist;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistence sync datagram, version 1 (docs/persistence.md). Big-endian:
 *
 * <pre>
 *  0  4  magic "K4JP"
 *  4  1  version (1)
 *  5  1  sync id
 *  6  2  entry count (1..)
 *  8  8  node id of the sender
 * 16     entries, each:
 *        1  service id length L (1..255), L bytes UTF-8
 *        1  client family (4 or 6), 4 or 16 bytes masked client address
 *        1  destination family (4 or 6), 4 or 16 bytes address, 2 bytes port
 *        4  remaining lifetime, milliseconds (unsigned)
 * </pre>
 *
 * The decoder takes a datagram whole or not at all: any defect drops it with a {@link SyncReject}.
 */
public final class SyncCodec {

    public static final int MAGIC = 0x4B344A50;   // "K4JP"
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 16;
    /** The smallest entry: 1-byte service id, IPv4 client and destination. */
    static final int MIN_ENTRY_BYTES = 1 + 1 + 1 + 4 + 1 + 4 + 2 + 4;

    private SyncCodec() {
    }

    /** One datagram holding all of {@code m}'s entries. */
    public static byte[] encode(SyncMessage m) {
        if (m.entries().isEmpty() || m.entries().size() > 0xffff) {
            throw new IllegalArgumentException("a datagram holds 1..65535 entries: " + m.entries().size());
        }
        int size = HEADER_BYTES + m.entries().stream().mapToInt(SyncEntry::wireSize).sum();
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).put((byte) VERSION).put((byte) m.syncId()).putShort((short) m.entries().size()).putLong(m.nodeId());
        for (SyncEntry e : m.entries()) {
            byte[] service = e.service().getBytes(StandardCharsets.UTF_8);
            b.put((byte) service.length).put(service);
            putAddress(b, e.client());
            putAddress(b, e.destination().getAddress());
            b.putShort((short) e.destination().getPort());
            b.putInt((int) e.remainingMillis());
        }
        return b.array();
    }

    /** {@code entries} in as few datagrams of at most {@code maxDatagram} bytes as fit in order. */
    public static List<byte[]> encode(int syncId, long nodeId, List<SyncEntry> entries, int maxDatagram) {
        List<byte[]> out = new ArrayList<>();
        List<SyncEntry> batch = new ArrayList<>();
        int size = HEADER_BYTES;
        for (SyncEntry e : entries) {
            int n = e.wireSize();
            if (HEADER_BYTES + n > maxDatagram) {
                throw new IllegalArgumentException("an entry of " + n + " bytes does not fit a datagram of " + maxDatagram);
            }
            if (size + n > maxDatagram || batch.size() == 0xffff) {
                out.add(encode(new SyncMessage(syncId, nodeId, batch)));
                batch.clear();
                size = HEADER_BYTES;
            }
            batch.add(e);
            size += n;
        }
        if (!batch.isEmpty()) {
            out.add(encode(new SyncMessage(syncId, nodeId, batch)));
        }
        return out;
    }

    /** Decodes the bytes between {@code b}'s position and limit (and consumes them). */
    public static SyncDecodeResult decode(ByteBuffer b) {
        if (b.remaining() < 4) {
            return new SyncDecodeResult.Rejected(SyncReject.TRUNCATED);
        }
        if (b.getInt() != MAGIC) {
            return new SyncDecodeResult.Rejected(SyncReject.BAD_MAGIC);
        }
        if (!b.hasRemaining()) {
            return new SyncDecodeResult.Rejected(SyncReject.TRUNCATED);
        }
        if ((b.get() & 0xff) != VERSION) {
            return new SyncDecodeResult.Rejected(SyncReject.BAD_VERSION);
        }
        if (b.remaining() < HEADER_BYTES - 5) {
            return new SyncDecodeResult.Rejected(SyncReject.TRUNCATED);
        }
        int syncId = b.get() & 0xff;
        int count = b.getShort() & 0xffff;
        long nodeId = b.getLong();
        if (count == 0 || (long) count * MIN_ENTRY_BYTES > b.remaining()) {
            return new SyncDecodeResult.Rejected(SyncReject.BAD_COUNT);
        }
        List<SyncEntry> entries = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                entries.add(entry(b));
            }
        } catch (Malformed m) {
            return new SyncDecodeResult.Rejected(m.reason);
        }
        if (b.hasRemaining()) {
            return new SyncDecodeResult.Rejected(SyncReject.TRAILING_BYTES);
        }
        return new SyncDecodeResult.Decoded(new SyncMessage(syncId, nodeId, entries));
    }

    /** Ends the decoding of a datagram; no stack trace, it never leaves this class. */
    private static final class Malformed extends Exception {
        final SyncReject reason;

        Malformed(SyncReject reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    private static SyncEntry entry(ByteBuffer b) throws Malformed {
        need(b, 1);
        int len = b.get() & 0xff;
        if (len == 0) {
            throw new Malformed(SyncReject.BAD_SERVICE);
        }
        need(b, len);
        String service;
        try {
            service = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(b.slice(b.position(), len)).toString();
        } catch (CharacterCodingException ex) {
            throw new Malformed(SyncReject.BAD_SERVICE);
        }
        b.position(b.position() + len);
        InetAddress client = address(b);
        InetAddress dest = address(b);
        need(b, 6);
        int port = b.getShort() & 0xffff;
        long remaining = b.getInt() & 0xffff_ffffL;
        return new SyncEntry(service, client, new InetSocketAddress(dest, port), remaining);
    }

    private static InetAddress address(ByteBuffer b) throws Malformed {
        need(b, 1);
        int n = switch (b.get()) {
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new Malformed(SyncReject.BAD_FAMILY);
        };
        need(b, n);
        byte[] a = new byte[n];
        b.get(a);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes", e);
        }
    }

    private static void need(ByteBuffer b, int n) throws Malformed {
        if (b.remaining() < n) {
            throw new Malformed(SyncReject.TRUNCATED);
        }
    }

    private static void putAddress(ByteBuffer b, InetAddress a) {
        b.put((byte) (a instanceof Inet4Address ? 4 : 6)).put(a.getAddress());
    }
}
