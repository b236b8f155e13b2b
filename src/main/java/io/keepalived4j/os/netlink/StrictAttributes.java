package io.keepalived4j.os.netlink;

import io.keepalived4j.os.netlink.MalformedNetlinkException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One level of attributes read strictly, for families whose values all have fixed sizes
 * (generic netlink's controller, IPVS): every accessor checks the value's size against its type
 * before reading, so a malformed reply is a {@link MalformedNetlinkException} naming the level
 * and attribute, never a short read, a silent zero or an out-of-bounds access. Attributes of
 * unknown types are kept and ignored, so newer kernels can add some.
 *
 * <pre>{@code
 * StrictAttributes svc = StrictAttributes.parse(body, "IPVS reply").nested(IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE");
 * int af = svc.u16(IPVS_SVC_ATTR_AF);                 // required
 * int timeout = svc.u32(IPVS_SVC_ATTR_TIMEOUT, 0);    // default when absent
 * }</pre>
 */
public final class StrictAttributes {

    private final String level;
    private final RtAttributes attributes;

    private StrictAttributes(String level, RtAttributes attributes) {
        this.level = level;
        this.attributes = attributes;
    }

    /** The attributes from the buffer's position to its limit; see {@link RtAttributes#parseStrict}. */
    public static StrictAttributes parse(ByteBuffer in, String level) {
        return new StrictAttributes(level, RtAttributes.parseStrict(in, level));
    }

    public String level() {
        return level;
    }

    public boolean has(int type) {
        return attributes.get(type).isPresent();
    }

    /** The first attribute of this type (the kernel sends each at most once per level). */
    public Optional<RtAttr> get(int type) {
        return attributes.get(type);
    }

    public RtAttr require(int type) {
        return get(type).orElseThrow(() -> new MalformedNetlinkException(Reason.MISSING_ATTRIBUTE,
                level + ": attribute " + type + " is missing"));
    }

    public int u8(int type) {
        return sized(require(type), 1).get() & 0xff;
    }

    public int u8(int type, int absent) {
        return has(type) ? u8(type) : absent;
    }

    /** A u16 in host order ({@code nla_put_u16}). */
    public int u16(int type) {
        return Short.toUnsignedInt(sized(require(type), 2).getShort());
    }

    public int u16(int type, int absent) {
        return has(type) ? u16(type) : absent;
    }

    /** A u16 in network order ({@code nla_put_be16}: ports). */
    public int be16(int type) {
        return Short.toUnsignedInt(sized(require(type), 2).order(ByteOrder.BIG_ENDIAN).getShort());
    }

    public int be16(int type, int absent) {
        return has(type) ? be16(type) : absent;
    }

    /** A u32 in host order; callers read it unsigned where the kernel means it so. */
    public int u32(int type) {
        return sized(require(type), 4).getInt();
    }

    public int u32(int type, int absent) {
        return has(type) ? u32(type) : absent;
    }

    /** A u32 in network order ({@code nla_put_be32}, {@code nla_put_in_addr}). */
    public int be32(int type) {
        return sized(require(type), 4).order(ByteOrder.BIG_ENDIAN).getInt();
    }

    /** A u64 in host order ({@code nla_put_u64_64bit}; its pad attribute is just an unknown type). */
    public long u64(int type) {
        return sized(require(type), 8).getLong();
    }

    /** The raw value, which must have one of {@code sizes} bytes. */
    public byte[] bytes(int type, int... sizes) {
        RtAttr a = require(type);
        for (int size : sizes) {
            if (a.value().length == size) {
                return a.value();
            }
        }
        throw wrongSize(a, Arrays.toString(sizes));
    }

    /** A string up to its NUL ({@code nla_put_string} sends one); a missing NUL ends it at the value's end. */
    public String string(int type) {
        return require(type).string();
    }

    public Optional<String> optionalString(int type) {
        return get(type).map(RtAttr::string);
    }

    /** The attributes nested in this one, read as strictly; {@code nestedLevel} names them in errors. */
    public StrictAttributes nested(int type, String nestedLevel) {
        return nested(require(type), nestedLevel);
    }

    /** The attributes nested in {@code container}, one of {@link #all()} (arrays of nests). */
    public StrictAttributes nested(RtAttr container, String nestedLevel) {
        return parse(ByteBuffer.wrap(container.value()).order(ByteOrder.nativeOrder()), nestedLevel);
    }

    /** Every attribute of this level in order, for arrays whose entries are typed by index. */
    public List<RtAttr> all() {
        return attributes.all();
    }

    public Optional<StrictAttributes> optionalNested(int type, String nestedLevel) {
        return has(type) ? Optional.of(nested(type, nestedLevel)) : Optional.empty();
    }

    /** A value outside what the family defines, reported like the other defects. */
    public MalformedNetlinkException invalid(int type, String what) {
        return new MalformedNetlinkException(Reason.INVALID_VALUE, level + ": attribute " + type + ": " + what);
    }

    private ByteBuffer sized(RtAttr a, int size) {
        if (a.value().length != size) {
            throw wrongSize(a, String.valueOf(size));
        }
        return ByteBuffer.wrap(a.value()).order(ByteOrder.nativeOrder());
    }

    private MalformedNetlinkException wrongSize(RtAttr a, String expected) {
        return new MalformedNetlinkException(Reason.WRONG_SIZE,
                level + ": attribute " + a.type() + " has " + a.value().length + " bytes, expected " + expected);
    }
}
