package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code struct nlmsgerr}: the payload of an {@link NlMsgType#ERROR} message, {@code s32 error}
 * (0 for an ACK, else a negative errno) and the header of the request it answers. With extended
 * ACKs the kernel appends TLVs after the echoed request (only its header when
 * {@link NlMsgFlags#ACK_CAPPED} is set), of which {@code NLMSGERR_ATTR_MSG} is a reason text such
 * as "ipv4: Address not found".
 */
public record NlMsgErr(int error, NlMsgHeader request, Optional<String> kernelMessage) {

    static final int NLMSGERR_ATTR_MSG = 1;

    /** The positive errno, 0 for a plain acknowledgement. */
    public int errno() {
        return -error;
    }

    /** Decodes the payload of an ERROR message whose own header has {@code ackFlags}. */
    public static NlMsgErr decode(ByteBuffer in, int ackFlags) {
        int error = in.getInt();
        NlMsgHeader request = NlMsgHeader.decode(in);
        Optional<String> text = Optional.empty();
        if ((ackFlags & NlMsgFlags.ACK_TLVS) != 0) {
            int echoed = (ackFlags & NlMsgFlags.ACK_CAPPED) != 0 ? 0 : request.length() - NlMsgHeader.SIZE;
            int tlvs = in.position() + NlMsgHeader.align(Math.max(0, echoed));
            if (tlvs <= in.limit()) {
                in.position(tlvs);
                text = RtAttributes.parse(in).get(NLMSGERR_ATTR_MSG).map(RtAttr::string);
            }
        }
        return new NlMsgErr(error, request, text);
    }
}
