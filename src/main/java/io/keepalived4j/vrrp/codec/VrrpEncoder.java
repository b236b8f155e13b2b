package io.keepalived4j.vrrp.codec;

import java.net.InetAddress;

/**
 * Builds the VRRP message bytes (the kernel builds the IP header: TTL 255 and TOS 0xc0 are socket
 * options). Checksums as keepalived computes them (vrrp-wire.md section 4): v2 over the message
 * only; v3 with the IPv4 or IPv6 pseudo-header, whose destination is the real one (the unicast
 * peer for unicast), or, with {@code v3_checksum_as_v2}, over the message only (RFC 9568).
 */
public final class VrrpEncoder {

    private VrrpEncoder() {
    }

    /** Message length for a packet: 8-byte header, addresses, and v2's 8 bytes of auth data. */
    public static int length(VrrpPacket p) {
        int perAddress = p.isIpv6() ? 16 : 4;
        return 8 + p.addresses().size() * perAddress + (p.version() == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
    }

    /**
     * @param src            source address (for the v3 pseudo-header)
     * @param dst            destination: the multicast group or the unicast peer
     * @param v3ChecksumAsV2 keepalived's {@code v3_checksum_as_v2}
     */
    public static byte[] encode(VrrpPacket p, InetAddress src, InetAddress dst, boolean v3ChecksumAsV2) {
        byte[] out = new byte[length(p)];
        out[0] = (byte) ((p.version() << 4) | (p.type() & 0x0f));
        out[1] = (byte) p.vrid();
        out[2] = (byte) p.priority();
        out[3] = (byte) p.addresses().size();
        if (p.version() == 2) {
            out[4] = (byte) p.authType();
            out[5] = (byte) p.advertInterval();
        } else {
            // RFC 5798 section 5.2.7: 4 reserved bits, then 12 bits of centiseconds.
            out[4] = (byte) ((p.advertInterval() >>> 8) & 0x0f);
            out[5] = (byte) p.advertInterval();
        }
        int at = 8;
        for (InetAddress a : p.addresses()) {
            byte[] b = a.getAddress();
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        if (p.version() == 2) {
            byte[] auth = p.authData();
            System.arraycopy(auth, 0, out, at, Math.min(auth.length, VrrpPacket.AUTH_DATA_LENGTH));
        }
        int sum = checksum(out, 0, out.length, p.version() == 3 && !v3ChecksumAsV2 ? src : null, dst);
        out[6] = (byte) (sum >>> 8);
        out[7] = (byte) sum;
        return out;
    }

    /** Checksum of a message whose checksum field is zero; pseudo-header when {@code src} is given. */
    static int checksum(byte[] msg, int offset, int length, InetAddress src, InetAddress dst) {
        long sum = src == null ? 0 : InternetChecksum.pseudoHeader(src, dst, length);
        return InternetChecksum.fold(InternetChecksum.add(sum, msg, offset, length));
    }
}
