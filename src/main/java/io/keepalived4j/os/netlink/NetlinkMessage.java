package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message: its header and the payload after it (a fixed struct such as
 * {@link IfAddrMsg} followed by {@link RtAttributes}).
 */
public record NetlinkMessage(NlMsgHeader header, byte[] payload) {

    /** The payload in native byte order, positioned at its start. */
    public ByteBuffer body() {
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
    }

    /**
     * Splits a datagram into its messages ({@code NLMSG_OK}/{@code NLMSG_NEXT}). A length that
     * is shorter than a header or runs past the datagram ends the walk, as in the kernel's macros,
     * rather than throwing: a truncated tail is the sender's fault and the rest is still usable.
     */
    public static List<NetlinkMessage> parseAll(byte[] datagram, int length) {
        ByteBuffer in = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        while (in.remaining() >= NlMsgHeader.SIZE) {
            int start = in.position();
            NlMsgHeader header = NlMsgHeader.decode(in);
            if (header.length() < NlMsgHeader.SIZE || header.length() > length - start) {
                break;
            }
            byte[] payload = new byte[header.length() - NlMsgHeader.SIZE];
            in.get(payload);
            messages.add(new NetlinkMessage(header, payload));
            in.position(Math.min(length, start + NlMsgHeader.align(header.length())));
        }
        return messages;
    }
}
