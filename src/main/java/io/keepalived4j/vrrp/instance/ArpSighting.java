package io.keepalived4j.vrrp.instance;

import java.net.InetAddress;

/**
 * What {@link VipConflictDetector} needs of one ARP message heard on the wire (RFC 826 fields),
 * kept apart from the {@code os} package so the detector stays pure.
 *
 * @param operation 1 request (a gratuitous ARP when sender and target IP are equal), 2 reply
 */
public record ArpSighting(int operation, InetAddress senderIp, byte[] senderMac, InetAddress targetIp) {

    public ArpSighting {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + senderMac.length);
        }
        senderMac = senderMac.clone();
    }

    @Override
    public byte[] senderMac() {
        return senderMac.clone();
    }

    /** How the message reads in a log line. */
    String kind() {
        if (operation == 2) {
            return "ARP reply";
        }
        if (operation == 1) {
            return senderIp.equals(targetIp) ? "gratuitous ARP" : "ARP request";
        }
        return "ARP operation " + operation;
    }
}
