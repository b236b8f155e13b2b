package io.keepalived4j.testsupport.lab;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An Ethernet/IPv4 ARP frame (RFC 826) decoded from a capture, for assertions on gratuitous ARPs.
 *
 * @param ethDst    Ethernet destination MAC, "ff:ff:ff:ff:ff:ff" for a broadcast
 * @param ethSrc    Ethernet source MAC
 * @param operation 1 request, 2 reply
 */
public record ArpFrame(String ethDst, String ethSrc, int operation, String senderMac, Inet4Address senderIp,
        String targetMac, Inet4Address targetIp) {

    /** Ethernet header (14) plus an Ethernet/IPv4 ARP body (28); shorter frames are not ARP. */
    public static final int LENGTH = 42;

    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    /** The ARP frame in {@code frame}, or empty when it is something else (other ethertype, non-IPv4 ARP). */
    public static Optional<ArpFrame> parse(byte[] frame) {
        if (frame.length < LENGTH || u16(frame, 12) != 0x0806 // ethertype ARP
                || u16(frame, 14) != 1 || u16(frame, 16) != 0x0800 || frame[18] != 6 || frame[19] != 4) {
            return Optional.empty();
        }
        return Optional.of(new ArpFrame(mac(frame, 0), mac(frame, 6), u16(frame, 20), mac(frame, 22), ip(frame, 28),
                mac(frame, 32), ip(frame, 38)));
    }

    /** A gratuitous ARP announces its own address: sender IP equals target IP (RFC 5227 section 3). */
    public boolean isGratuitous() {
        return senderIp.equals(targetIp);
    }

    /** Text MAC ("02:6b:...") to its six bytes. */
    public static byte[] macBytes(String mac) {
        return MAC.parseHex(mac);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static String mac(byte[] b, int at) {
        return MAC.formatHex(b, at, at + 6);
    }

    private static Inet4Address ip(byte[] b, int at) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
