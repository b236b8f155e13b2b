package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The attributes after a message's fixed struct, in order, looked up by type. */
public final class RtAttributes {

    private final List<RtAttr> attributes;

    private RtAttributes(List<RtAttr> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    /**
     * Reads TLVs from the buffer's position to its limit ({@code RTA_OK}/{@code RTA_NEXT}); a
     * malformed length ends the walk, like the kernel's macros.
     */
    public static RtAttributes parse(ByteBuffer in) {
        List<RtAttr> list = new ArrayList<>();
        while (in.remaining() >= RtAttr.HEADER_SIZE) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort());
            int type = Short.toUnsignedInt(in.getShort()) & RtAttr.TYPE_MASK;
            if (length < RtAttr.HEADER_SIZE || length > in.limit() - start) {
                break;
            }
            byte[] value = new byte[length - RtAttr.HEADER_SIZE];
            in.get(value);
            list.add(new RtAttr(type, value));
            in.position(Math.min(in.limit(), start + NlMsgHeader.align(length)));
        }
        return new RtAttributes(list);
    }

    /** The first attribute of this type; the kernel sends each at most once at one level. */
    public Optional<RtAttr> get(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    public List<RtAttr> all() {
        return attributes;
    }
}
