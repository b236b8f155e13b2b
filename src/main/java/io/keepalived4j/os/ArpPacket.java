package io.keepalived4j.os;

import java.net.InetAddress;
import java.util.HexFormat;

/**
 * One IPv4-over-Ethernet ARP message as received (RFC 826), decoded by {@link ArpFrames#parse}.
 * {@code ethernetSource} is the frame's Ethernet source, which a proxy or a misbehaving host may
 * set apart from {@code senderMac}. The arrays are copied in and out: a packet is a value.
 *
 * @param operation 1 request (also a gratuitous ARP / RFC 5227 announcement), 2 reply
 */
public record ArpPacket(int operation, byte[] senderMac, InetAddress senderIp, byte[] targetMac,
                        InetAddress targetIp, byte[] ethernetSource) {

    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    public ArpPacket {
        senderMac = senderMac.clone();
        targetMac = targetMac.clone();
        ethernetSource = ethernetSource.clone();
    }

    @Override
    public byte[] senderMac() {
        return senderMac.clone();
    }

    @Override
    public byte[] targetMac() {
        return targetMac.clone();
    }

    @Override
    public byte[] ethernetSource() {
        return ethernetSource.clone();
    }

    /** A gratuitous ARP announces the sender's own address: sender and target IP are equal (RFC 5227 section 3). */
    public boolean gratuitous() {
        return senderIp.equals(targetIp);
    }

    @Override
    public String toString() {
        HexFormat mac = HexFormat.ofDelimiter(":");
        return "ArpPacket[op " + operation + " " + senderIp.getHostAddress() + " at " + mac.formatHex(senderMac)
                + " -> " + targetIp.getHostAddress() + " at " + mac.formatHex(targetMac)
                + ", eth src " + mac.formatHex(ethernetSource) + "]";
    }
}
