package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct genlmsghdr} of {@code <linux/genetlink.h>}: {@code u8 cmd, u8 version,
 * u16 reserved}, the 4-byte header ({@code GENL_HDRLEN}) after the {@link NlMsgHeader} of every
 * generic netlink message; the family's own header (none for IPVS) and its attributes follow.
 */
public record GenlMsgHdr(int cmd, int version) {

    public static final int SIZE = 4;

    public void encode(ByteBuffer out) {
        out.put((byte) cmd).put((byte) version).putShort((short) 0);
    }

    /**
     * Reads the header at the buffer's position.
     *
     * @throws MalformedNetlinkException when fewer than {@link #SIZE} bytes remain
     */
    public static GenlMsgHdr decode(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new MalformedNetlinkException(MalformedNetlinkException.Reason.TRUNCATED,
                    "generic netlink message of " + in.remaining() + " bytes, shorter than its 4-byte header");
        }
        int cmd = Byte.toUnsignedInt(in.get());
        int version = Byte.toUnsignedInt(in.get());
        in.getShort();
        return new GenlMsgHdr(cmd, version);
    }
}
