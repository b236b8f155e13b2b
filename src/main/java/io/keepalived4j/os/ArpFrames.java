package io.keepalived4j.os;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Gratuitous ARP frames exactly as keepalived 2.2.7 sends them ({@code send_gratuitous_arp_immediate()},
 * vrrp-wire.md section 8): an ARP <em>request</em> (RFC 5227 section 3 calls this an ARP
 * Announcement) broadcast from the interface's (or the VMAC's) address, with sender and target
 * protocol address both the VIP and target hardware address ff:ff:ff:ff:ff:ff, which keepalived
 * sets instead of RFC 5227's zeros. 42 bytes: keepalived adds no padding; a NIC pads to 60 on the wire.
 *
 * <p>{@link #parse} is the other direction, for the split-brain check that listens to the ARP of others.
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

    /**
     * An ARP Probe for {@code vip} (RFC 5227 section 2.1.1): broadcast request with sender IP
     * 0.0.0.0 and target MAC zero, so no neighbour updates its cache from it. Any other host that
     * holds {@code vip} answers with a reply from its own MAC (Linux {@code arp_process()} replies to
     * a zero sender IP for a local target), which is how a MASTER asks whether it is alone with the
     * VIP. A request with the VIP itself as sender IP would not do: the holder sees a martian source.
     */
    public static byte[] probe(byte[] sourceMac, Inet4Address vip) {
        byte[] f = gratuitousArp(sourceMac, vip);
        java.util.Arrays.fill(f, 28, 38, (byte) 0); // sender IP 0.0.0.0, target MAC 00:00:00:00:00:00
        return f;
    }

    /**
     * Decodes a whole received Ethernet frame carrying IPv4-over-Ethernet ARP; empty for anything
     * else (other EtherTypes, other hardware or protocol types, short frames). Never throws: the
     * input is whatever the wire delivered. Trailing bytes (the padding to 60) are ignored.
     *
     * <p>An 802.1Q-tagged frame (EtherType 0x8100) is rejected, not unwrapped: its ARP belongs to a
     * VLAN, whose addresses live on the VLAN's own interface, where the kernel delivers the frame
     * with the tag already removed. Decoding it here would mix up two broadcast domains.
     */
    public static Optional<ArpPacket> parse(byte[] frame) {
        if (frame == null || frame.length < LENGTH) {
            return Optional.empty();
        }
        if (u16(frame, 12) != ETH_P_ARP || u16(frame, 14) != 1 || u16(frame, 16) != 0x0800
                || frame[18] != 6 || frame[19] != 4) {
            return Optional.empty();
        }
        return Optional.of(new ArpPacket(u16(frame, 20), Arrays.copyOfRange(frame, 22, 28), ipv4(frame, 28),
                Arrays.copyOfRange(frame, 32, 38), ipv4(frame, 38), Arrays.copyOfRange(frame, 6, 12)));
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static InetAddress ipv4(byte[] b, int at) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always an IPv4 address", e);
        }
    }
}
