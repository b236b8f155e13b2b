package io.keepalived4j.os;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Unsolicited neighbour advertisements (RFC 4861 section 7.2.6) exactly as keepalived 2.2.7 builds
 * them ({@code ndisc_send_unsolicited_na_immediate()}, vrrp-wire.md section 8): the whole Ethernet
 * frame to 33:33:00:00:00:01, IPv6 from the VIP itself to ff02::1 with hop limit 255 (RFC 4861
 * section 7.1.2 drops anything less) and flow label 0, ICMPv6 type 136 with the Override flag
 * (plus Router when the interface forwards IPv6), target = VIP, and a target link-layer address
 * option carrying the MAC. 86 bytes.
 */
public final class NeighborAdvertFrames {

    public static final int LENGTH = 86;
    static final int ETH_P_IPV6 = 0x86dd;
    static final byte[] ALL_NODES_MAC = {0x33, 0x33, 0, 0, 0, 1};
    private static final byte[] ALL_NODES = InetAddress.ofLiteral("ff02::1").getAddress();
    private static final int ICMPV6 = 58;
    private static final int ICMP_LENGTH = 32; // 4 header + 4 flags + 16 target + 8 option

    private NeighborAdvertFrames() {
    }

    /** The frame announcing that {@code vip} is at {@code sourceMac}. */
    public static byte[] unsolicited(byte[] sourceMac, Inet6Address vip, boolean router) {
        if (sourceMac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + sourceMac.length);
        }
        byte[] target = vip.getAddress();
        byte[] f = new byte[LENGTH];
        System.arraycopy(ALL_NODES_MAC, 0, f, 0, 6);
        System.arraycopy(sourceMac, 0, f, 6, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xdd;
        f[14] = 0x60;                              // version 6, traffic class 0, flow label 0
        f[19] = ICMP_LENGTH;                       // payload length
        f[20] = ICMPV6;                            // next header
        f[21] = (byte) 255;                        // hop limit
        System.arraycopy(target, 0, f, 22, 16);    // source: the VIP
        System.arraycopy(ALL_NODES, 0, f, 38, 16); // destination: all nodes
        int icmp = 54;
        f[icmp] = (byte) 136;                      // neighbour advertisement, code 0
        f[icmp + 4] = (byte) (0x20 | (router ? 0x80 : 0)); // O (override), R if a router; S clear: unsolicited
        System.arraycopy(target, 0, f, icmp + 8, 16);
        f[icmp + 24] = 2;                          // option: target link-layer address
        f[icmp + 25] = 1;                          // length in units of 8 bytes
        System.arraycopy(sourceMac, 0, f, icmp + 26, 6);
        int sum = checksum(f, icmp);
        f[icmp + 2] = (byte) (sum >>> 8);
        f[icmp + 3] = (byte) sum;
        return f;
    }

    /** RFC 4443 section 2.3: over the IPv6 pseudo-header (RFC 8200 section 8.1) and the message. */
    private static int checksum(byte[] f, int icmp) {
        long sum = 0;
        for (int i = 22; i < 54; i += 2) {         // source and destination addresses
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        sum += ICMP_LENGTH + ICMPV6;                // upper-layer length and next header
        for (int i = icmp; i < icmp + ICMP_LENGTH; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
