package io.keepalived4j.vrrp.codec;

import java.net.InetAddress;

/** The outcome of decoding bytes: never an exception, whatever the bytes. */
public sealed interface DecodeResult {

    /**
     * A well-formed advertisement.
     *
     * @param packet     the VRRP message
     * @param ttl        TTL / hop limit it arrived with, -1 when the caller did not know it
     * @param source     IP source
     * @param destination IP destination
     * @param checksumOk whether the checksum matches the way it was asked to be checked
     */
    record Decoded(VrrpPacket packet, int ttl, InetAddress source, InetAddress destination, boolean checksumOk)
            implements DecodeResult {
    }

    /** Bytes that are not an acceptable VRRP message, and why. */
    record Rejected(RejectReason reason, String detail) implements DecodeResult {
    }
}
