package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one request: an {@link NlMsgHeader}, a fixed struct, then attributes (possibly nested).
 * The sequence number is filled in by {@link #encode(int)} so that the socket that sends it owns
 * the numbering.
 *
 * <pre>{@code
 * byte[] msg = NetlinkRequest.of(NlMsgType.RTM_NEWADDR, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
 *         .struct(new IfAddrMsg(...)::encode).attr(IfAddrMsg.IFA_LOCAL, addr).encode(seq);
 * }</pre>
 */
public final class NetlinkRequest {

    /** Requests here are a few hundred bytes; the kernel's own limit for one is a page or so. */
    private static final int CAPACITY = 4096;

    private final int type;
    private final int flags;
    private final ByteBuffer body = ByteBuffer.allocate(CAPACITY).order(ByteOrder.nativeOrder());
    private final Deque<Integer> openNests = new ArrayDeque<>();

    private NetlinkRequest(int type, int flags) {
        this.type = type;
        this.flags = flags;
    }

    public static NetlinkRequest of(int type, int flags) {
        return new NetlinkRequest(type, flags);
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    /** Appends a fixed struct (its {@code encode(ByteBuffer)} method). */
    public NetlinkRequest struct(java.util.function.Consumer<ByteBuffer> encoder) {
        encoder.accept(body);
        return this;
    }

    public NetlinkRequest attr(int attrType, byte[] value) {
        body.putShort((short) (RtAttr.HEADER_SIZE + value.length)).putShort((short) attrType).put(value);
        pad();
        return this;
    }

    public NetlinkRequest attrU32(int attrType, int value) {
        return attr(attrType, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A u16 in host order (NLA_U16 read with {@code nla_get_u16}). */
    public NetlinkRequest attrU16(int attrType, int value) {
        return attr(attrType, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    /** A u16 in network order, for the kernel's {@code nla_get_be16} (ports). */
    public NetlinkRequest attrBe16(int attrType, int value) {
        return attr(attrType, ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort((short) value).array());
    }

    /** A u32 in network order, for the kernel's {@code nla_get_be32}/{@code nla_get_in_addr}. */
    public NetlinkRequest attrBe32(int attrType, int value) {
        return attr(attrType, ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(value).array());
    }

    public NetlinkRequest attrU8(int attrType, int value) {
        return attr(attrType, new byte[] {(byte) value});
    }

    /** A NUL-terminated string, as the kernel expects for names and labels. */
    public NetlinkRequest attrString(int attrType, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return attr(attrType, Arrays.copyOf(text, text.length + 1));
    }

    /** Opens a nested attribute; its length is written by the matching {@link #endNest()}. */
    public NetlinkRequest beginNest(int attrType) {
        openNests.push(body.position());
        body.putShort((short) 0).putShort((short) attrType);
        return this;
    }

    public NetlinkRequest endNest() {
        int start = openNests.pop();
        body.putShort(start, (short) (body.position() - start));
        return this;
    }

    /** The whole message with this sequence number and port id 0 (the kernel). */
    public byte[] encode(int seq) {
        if (!openNests.isEmpty()) {
            throw new IllegalStateException("unclosed nested attribute");
        }
        int length = NlMsgHeader.SIZE + body.position();
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        new NlMsgHeader(length, type, flags, seq, 0).encode(out);
        out.put(body.array(), 0, body.position());
        return out.array();
    }

    private void pad() {
        while ((body.position() & 3) != 0) {
            body.put((byte) 0);
        }
    }
}
