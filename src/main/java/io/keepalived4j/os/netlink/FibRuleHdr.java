package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct fib_rule_hdr} (12 bytes, {@code <linux/fib_rules.h>}): {@code u8 family, dst_len,
 * src_len, tos, table, res1, res2, action; u32 flags}, the fixed part of RTM_NEWRULE/DELRULE.
 */
public record FibRuleHdr(int family, int dstLength, int srcLength, int tos, int table, int action, int flags) {

    public static final int SIZE = 12;

    public static final int FRA_DST = 1;
    public static final int FRA_SRC = 2;
    public static final int FRA_PRIORITY = 6;
    public static final int FRA_TABLE = 15;

    public static final int FR_ACT_UNSPEC = 0;
    /** Look the packet up in {@code table}: what {@code ip rule add ... table N} makes. */
    public static final int FR_ACT_TO_TBL = 1;

    public void encode(ByteBuffer out) {
        out.put((byte) family).put((byte) dstLength).put((byte) srcLength).put((byte) tos).put((byte) table)
                .put((byte) 0).put((byte) 0).put((byte) action).putInt(flags);
    }

    public static FibRuleHdr decode(ByteBuffer in) {
        int family = Byte.toUnsignedInt(in.get());
        int dst = Byte.toUnsignedInt(in.get());
        int src = Byte.toUnsignedInt(in.get());
        int tos = Byte.toUnsignedInt(in.get());
        int table = Byte.toUnsignedInt(in.get());
        in.get();
        in.get();
        int action = Byte.toUnsignedInt(in.get());
        return new FibRuleHdr(family, dst, src, tos, table, action, in.getInt());
    }
}
