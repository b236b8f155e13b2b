package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct nlmsghdr}: the 16-byte header in host byte order that starts every netlink
 * message: {@code u32 len, u16 type, u16 flags, u32 seq, u32 pid}. {@code len} counts the
 * header itself; messages in one datagram are padded to 4 bytes ({@code NLMSG_ALIGN}).
 */
public record NlMsgHeader(int length, int type, int flags, int seq, int pid) {

    public static final int SIZE = 16;

    /** Writes the header at the buffer's position (the buffer must be in native order). */
    public void encode(ByteBuffer out) {
        out.putInt(length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(pid);
    }

    /** Reads a header at the buffer's position (native order), advancing it by {@link #SIZE}. */
    public static NlMsgHeader decode(ByteBuffer in) {
        int length = in.getInt();
        int type = Short.toUnsignedInt(in.getShort());
        int flags = Short.toUnsignedInt(in.getShort());
        return new NlMsgHeader(length, type, flags, in.getInt(), in.getInt());
    }

    /** {@code NLMSG_ALIGN}/{@code RTA_ALIGN}: netlink pads everything to 4 bytes. */
    public static int align(int n) {
        return (n + 3) & ~3;
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }
}
