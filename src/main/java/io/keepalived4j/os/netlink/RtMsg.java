package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct rtmsg} (12 bytes): {@code u8 family, dst_len, src_len, tos, table, protocol,
 * scope, type; u32 flags}, the fixed part of RTM_NEWROUTE/DELROUTE/GETROUTE.
 */
public record RtMsg(int family, int dstLength, int srcLength, int tos, int table, int protocol, int scope,
                    int type, int flags) {

    public static final int SIZE = 12;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    /** u32 table id; rtm_table only holds 0..255. */
    public static final int RTA_TABLE = 15;

    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RTPROT_UNSPEC = 0;
    /** What {@code ip route add} uses when no {@code proto} is given. */
    public static final int RTPROT_BOOT = 3;

    public void encode(ByteBuffer out) {
        out.put((byte) family).put((byte) dstLength).put((byte) srcLength).put((byte) tos).put((byte) table)
                .put((byte) protocol).put((byte) scope).put((byte) type).putInt(flags);
    }

    public static RtMsg decode(ByteBuffer in) {
        int[] b = new int[8];
        for (int i = 0; i < b.length; i++) {
            b[i] = Byte.toUnsignedInt(in.get());
        }
        return new RtMsg(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], in.getInt());
    }
}
