package io.keepalived4j.vrrp.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads VRRP advertisements from the VRRP message (IPv6 raw sockets), a whole IPv4 packet (IPv4
 * raw sockets deliver the header) or an Ethernet frame (captures). Pure and total: any byte array
 * yields {@link DecodeResult.Decoded} or {@link DecodeResult.Rejected}.
 */
public final class VrrpDecoder {

    private static final int ETH_HEADER = 14;

    private VrrpDecoder() {
    }

    /** The VRRP message alone, with the addresses and TTL the socket reported. */
    public static DecodeResult message(byte[] b, int off, int len, InetAddress src, InetAddress dst, int ttl,
                                       boolean v3ChecksumAsV2) {
        if (off < 0 || len < 8 || off + len > b.length) {
            return new DecodeResult.Rejected(RejectReason.TRUNCATED, len + " bytes");
        }
        int version = (b[off] & 0xff) >>> 4;
        int type = b[off] & 0x0f;
        if (version != 2 && version != 3) {
            return new DecodeResult.Rejected(RejectReason.VERSION_MISMATCH, "version " + version);
        }
        int count = b[off + 3] & 0xff;
        boolean v6 = src != null && src.getAddress().length == 16;
        int perAddress = v6 ? 16 : 4;
        int expected = 8 + count * perAddress + (version == 2 && !v6 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        // Exactly the length the address count implies, as keepalived 2.2.7 checks it ("vrrp packet
        // too long, length 44 and expect 40"): the socket delivers the IP payload, already trimmed to
        // the IP length, so Ethernet padding never gets here (ipv4() and ethernet() trim it too).
        // Bytes after the message are not ours to ignore: an advert with a tail would otherwise be
        // judged on its first bytes only.
        if (len != expected) {
            return new DecodeResult.Rejected(RejectReason.LENGTH_MISMATCH, len + " bytes, expected " + expected);
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        int at = off + 8;
        try {
            for (int i = 0; i < count; i++) {
                addresses.add(InetAddress.getByAddress(Arrays.copyOfRange(b, at, at + perAddress)));
                at += perAddress;
            }
        } catch (UnknownHostException e) {
            return new DecodeResult.Rejected(RejectReason.LENGTH_MISMATCH, "bad address length");
        }
        byte[] auth = version == 2 && !v6 ? Arrays.copyOfRange(b, at, at + VrrpPacket.AUTH_DATA_LENGTH) : new byte[0];
        int authType = version == 2 ? b[off + 4] & 0xff : 0;
        int interval = version == 2 ? b[off + 5] & 0xff : ((b[off + 4] & 0x0f) << 8) | (b[off + 5] & 0xff);
        int checksum = ((b[off + 6] & 0xff) << 8) | (b[off + 7] & 0xff);
        boolean pseudo = version == 3 && !v3ChecksumAsV2 && src != null && dst != null;
        long sum = pseudo ? InternetChecksum.pseudoHeader(src, dst, expected) : 0;
        boolean ok = InternetChecksum.fold(InternetChecksum.add(sum, b, off, expected)) == 0;
        VrrpPacket p = new VrrpPacket(version, type, b[off + 1] & 0xff, b[off + 2] & 0xff, authType, interval, checksum,
                addresses, auth);
        return new DecodeResult.Decoded(p, ttl, src, dst, ok);
    }

    /** A whole IPv4 packet, header included. */
    public static DecodeResult ipv4(byte[] b, int off, int len, boolean v3ChecksumAsV2) {
        if (len < 20 || off + len > b.length) {
            return new DecodeResult.Rejected(RejectReason.TRUNCATED, len + " bytes");
        }
        int ihl = (b[off] & 0x0f) * 4;
        int total = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        if ((b[off] & 0xf0) != 0x40 || ihl < 20 || total < ihl || total > len) {
            return new DecodeResult.Rejected(RejectReason.TRUNCATED, "bad IPv4 header");
        }
        int protocol = b[off + 9] & 0xff;
        if (protocol == 51) {
            return new DecodeResult.Rejected(RejectReason.AH_UNSUPPORTED, "IP protocol 51 (AH)");
        }
        if (protocol != VrrpPacket.PROTOCOL) {
            return new DecodeResult.Rejected(RejectReason.NOT_VRRP, "IP protocol " + protocol);
        }
        InetAddress src = address(b, off + 12, 4);
        InetAddress dst = address(b, off + 16, 4);
        return message(b, off + ihl, total - ihl, src, dst, b[off + 8] & 0xff, v3ChecksumAsV2);
    }

    /** An Ethernet II frame carrying IPv4 or IPv6 (as in a capture). */
    public static DecodeResult ethernet(byte[] b, boolean v3ChecksumAsV2) {
        if (b.length < ETH_HEADER + 20) {
            return new DecodeResult.Rejected(RejectReason.TRUNCATED, b.length + " bytes");
        }
        int etherType = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
        if (etherType == 0x0800) {
            return ipv4(b, ETH_HEADER, b.length - ETH_HEADER, v3ChecksumAsV2);
        }
        if (etherType != 0x86dd || b.length < ETH_HEADER + 40) {
            return new DecodeResult.Rejected(RejectReason.NOT_VRRP, String.format("ethertype 0x%04x", etherType));
        }
        int o = ETH_HEADER;
        int payload = ((b[o + 4] & 0xff) << 8) | (b[o + 5] & 0xff);
        int next = b[o + 6] & 0xff;
        if (next != VrrpPacket.PROTOCOL) {
            return new DecodeResult.Rejected(RejectReason.NOT_VRRP, "next header " + next);
        }
        if (o + 40 + payload > b.length) {
            return new DecodeResult.Rejected(RejectReason.TRUNCATED, "IPv6 payload beyond the frame");
        }
        return message(b, o + 40, payload, address(b, o + 8, 16), address(b, o + 24, 16), b[o + 7] & 0xff, v3ChecksumAsV2);
    }

    private static InetAddress address(byte[] b, int off, int len) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + len));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
