package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct ifinfomsg} (16 bytes): {@code u8 family, u8 pad, u16 type, s32 index, u32 flags,
 * u32 change}, the fixed part of RTM_NEWLINK/DELLINK/GETLINK, plus its attribute and flag numbers.
 * In a request, {@code change} says which bits of {@code flags} to apply.
 */
public record IfInfoMsg(int family, int type, int index, int flags, int change) {

    public static final int SIZE = 16;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_MACVLAN_MODE = 1;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_MULTICAST = 0x1000;
    /** Carrier present (RFC 2863 lower layer up); a veth loses it when its peer goes down. */
    public static final int IFF_LOWER_UP = 0x10000;

    public void encode(ByteBuffer out) {
        out.put((byte) family).put((byte) 0).putShort((short) type).putInt(index).putInt(flags).putInt(change);
    }

    public static IfInfoMsg decode(ByteBuffer in) {
        int family = Byte.toUnsignedInt(in.get());
        in.get();
        int type = Short.toUnsignedInt(in.getShort());
        return new IfInfoMsg(family, type, in.getInt(), in.getInt(), in.getInt());
    }
}
