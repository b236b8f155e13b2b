package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One {@code struct rtattr}/{@code nlattr} TLV: {@code u16 len, u16 type} then the value, padded
 * to 4 bytes. {@code len} counts the 4-byte header but not the padding. The type is stored
 * without the {@code NLA_F_NESTED}/{@code NLA_F_NET_BYTEORDER} bits.
 */
public record RtAttr(int type, byte[] value) {

    public static final int HEADER_SIZE = 4;
    /** Masks off NLA_F_NESTED (0x8000) and NLA_F_NET_BYTEORDER (0x4000). */
    static final int TYPE_MASK = 0x3fff;
    /**
     * NLA_F_NESTED, or-ed into a container's type: libnl 3.5+ sets it on every
     * {@code nla_nest_start}, the kernel's own replies ({@code nla_nest_start_noflag}) do not.
     */
    public static final int F_NESTED = 0x8000;

    public int u8() {
        return Byte.toUnsignedInt(value[0]);
    }

    public int u16() {
        return Short.toUnsignedInt(buffer().getShort());
    }

    public int u32() {
        return buffer().getInt();
    }

    public long u64() {
        return buffer().getLong();
    }

    /** A NUL-terminated string attribute (IFLA_IFNAME, IFA_LABEL, IFLA_INFO_KIND). */
    public String string() {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /** The nested attributes inside this one (IFLA_LINKINFO and the like). */
    public RtAttributes nested() {
        return RtAttributes.parse(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()));
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
    }
}
