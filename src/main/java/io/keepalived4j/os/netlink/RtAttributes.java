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
        return walk(in, null);
    }

    /**
     * Reads TLVs as {@link #parse} does, but refuses what {@code parse} silently stops at, as the
     * kernel's own strict validation does ({@code NL_VALIDATE_TRAILING}): a length shorter than
     * the header or running past the limit, and 1 to 3 stray bytes after the last attribute.
     *
     * @param level names the attribute level in the exception, e.g. "IPVS_CMD_ATTR_SERVICE"
     * @throws MalformedNetlinkException with {@code TRUNCATED} or {@code TRAILING_BYTES}
     */
    public static RtAttributes parseStrict(ByteBuffer in, String level) {
        return walk(in, level);
    }

    /** {@code strictLevel} null: lenient; otherwise the level named in exceptions. */
    private static RtAttributes walk(ByteBuffer in, String strictLevel) {
        List<RtAttr> list = new ArrayList<>();
        while (in.remaining() >= RtAttr.HEADER_SIZE) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort());
            int rawType = Short.toUnsignedInt(in.getShort());
            if (length < RtAttr.HEADER_SIZE || length > in.limit() - start) {
                if (strictLevel != null) {
                    throw new MalformedNetlinkException(MalformedNetlinkException.Reason.TRUNCATED,
                            strictLevel + ": attribute " + (rawType & RtAttr.TYPE_MASK) + " has length " + length
                                    + " but " + (in.limit() - start) + " bytes remain");
                }
                break;
            }
            byte[] value = new byte[length - RtAttr.HEADER_SIZE];
            in.get(value);
            list.add(new RtAttr(rawType & RtAttr.TYPE_MASK, value));
            in.position(Math.min(in.limit(), start + NlMsgHeader.align(length)));
        }
        if (strictLevel != null && in.hasRemaining()) {
            throw new MalformedNetlinkException(MalformedNetlinkException.Reason.TRAILING_BYTES,
                    strictLevel + ": " + in.remaining() + " stray bytes after the last attribute");
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
