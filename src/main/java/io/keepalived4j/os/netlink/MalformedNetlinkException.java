package io.keepalived4j.os.netlink;

/**
 * A reply that does not have the shape its family promises: an attribute whose length runs past
 * its container, a fixed-size value of the wrong size, a required attribute missing, a value out
 * of its range, or a message of another command. Thrown by the strict decoders (generic netlink,
 * IPVS) instead of reading short or out of bounds; the kernel never sends such a message, so
 * seeing one means a bug on one side, not bad traffic to count.
 *
 * <pre>{@code
 * try { entry = IpvsReplies.service(message); }
 * catch (MalformedNetlinkException e) { log.error("IPVS reply: {} ({})", e.getMessage(), e.reason()); }
 * }</pre>
 */
public final class MalformedNetlinkException extends IllegalArgumentException {

    /** What was wrong. */
    public enum Reason {
        /** A length shorter than a header or running past the end of its container. */
        TRUNCATED,
        /** Bytes after the last attribute that do not make a whole attribute header. */
        TRAILING_BYTES,
        /** A fixed-size value (u8/u16/u32/u64, an address, a struct) of another size. */
        WRONG_SIZE,
        /** An attribute the family always sends is absent. */
        MISSING_ATTRIBUTE,
        /** A value outside what the family defines (an unknown address family, protocol...). */
        INVALID_VALUE,
        /** A message of another command or family than the decoder reads. */
        UNEXPECTED_MESSAGE
    }

    private final Reason reason;

    public MalformedNetlinkException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
