package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

import java.util.Optional;

/**
 * {@code UDP_CHECK}: sends a datagram; the server is down on an ICMP error, or, with
 * {@code require_reply}, without a matching reply.
 *
 * @param payload        hex of the datagram to send (lower case, no blanks); empty sends keepalived's 32-byte
 *                       filler ("keepalived check - " repeated), as 2.2.7 does
 * @param requireReply   a reply must arrive
 * @param replyPattern   hex the reply must start with, {@code x} for a wildcard nibble
 * @param minReplyLength shortest accepted reply (default 0)
 * @param maxReplyLength longest accepted reply (default 255)
 */
public record UdpCheck(ConnectionOptions connection, CheckerTiming timing, Optional<String> payload,
                       boolean requireReply, Optional<String> replyPattern, int minReplyLength, int maxReplyLength,
                       Position position) implements ConnectingChecker {

    @Override
    public String keyword() {
        return "UDP_CHECK";
    }
}
