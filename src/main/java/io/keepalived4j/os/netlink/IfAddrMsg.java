package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct ifaddrmsg} (8 bytes): {@code u8 family, u8 prefixlen, u8 flags, u8 scope,
 * u32 index}, the fixed part of RTM_NEWADDR/DELADDR/GETADDR, plus its attribute and flag numbers.
 */
public record IfAddrMsg(int family, int prefixLength, int flags, int scope, int index) {

    public static final int SIZE = 8;

    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_CACHEINFO = 6;
    /** u32 flags; supersedes the 8-bit {@code ifa_flags} (Linux 3.14+). */
    public static final int IFA_FLAGS = 8;

    public static final int IFA_F_SECONDARY = 0x01;
    /** No duplicate address detection: keepalived adds VIPv6 with it, so they are usable at once. */
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;
    public static final int IFA_F_HOMEADDRESS = 0x10;
    public static final int IFA_F_MANAGETEMPADDR = 0x100;
    public static final int IFA_F_NOPREFIXROUTE = 0x200;
    public static final int IFA_F_MCAUTOJOIN = 0x400;

    public void encode(ByteBuffer out) {
        out.put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index);
    }

    public static IfAddrMsg decode(ByteBuffer in) {
        int family = Byte.toUnsignedInt(in.get());
        int prefixLength = Byte.toUnsignedInt(in.get());
        int flags = Byte.toUnsignedInt(in.get());
        int scope = Byte.toUnsignedInt(in.get());
        return new IfAddrMsg(family, prefixLength, flags, scope, in.getInt());
    }
}
