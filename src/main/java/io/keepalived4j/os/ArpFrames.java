package io.keepalived4j.os;

import java.net.Inet4Address;

/**
 * Gratuitous ARP frames exactly as keepalived 2.2.7 sends them ({@code send_gratuitous_arp_immediate()},
 * vrrp-wire.md section 8): an ARP <em>request</em> (RFC 5227 section 3 calls this an ARP
 * Announcement) broadcast from the interface's (or the VMAC's) address, with sender and target
 * protocol address both the VIP and target hardware address ff:ff:ff:ff:ff:ff, which keepalived
 * sets instead of RFC 5227's zeros. 42 bytes: keepalived adds no padding; a NIC pads to 60 on the wire.
 */
public final class ArpFrames {

    /** Ethernet header (14) + ARP for IPv4 over Ethernet (28). */
    public static final int LENGTH = 42;
    static final int ETH_P_ARP = 0x0806;
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private ArpFrames() {
    }

    /** The whole Ethernet frame announcing that {@code vip} is at {@code sourceMac}. */
    public static byte[] gratuitousArp(byte[] sourceMac, Inet4Address vip) {
        if (sourceMac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + sourceMac.length);
        }
        byte[] ip = vip.getAddress();
        byte[] f = new byte[LENGTH];
        System.arraycopy(BROADCAST, 0, f, 0, 6);   // Ethernet destination
        System.arraycopy(sourceMac, 0, f, 6, 6);   // Ethernet source
        f[12] = 0x08;                              // EtherType ARP
        f[13] = 0x06;
        f[15] = 1;                                 // hardware type Ethernet (1)
        f[16] = 0x08;                              // protocol type IPv4
        f[18] = 6;                                 // hardware address length
        f[19] = 4;                                 // protocol address length
        f[21] = 1;                                 // opcode 1: request, as keepalived sends
        System.arraycopy(sourceMac, 0, f, 22, 6);  // sender hardware address
        System.arraycopy(ip, 0, f, 28, 4);         // sender protocol address = VIP
        System.arraycopy(BROADCAST, 0, f, 32, 6);  // target hardware address: keepalived's ff:ff:ff:ff:ff:ff
        System.arraycopy(ip, 0, f, 38, 4);         // target protocol address = VIP
        return f;
    }
}
