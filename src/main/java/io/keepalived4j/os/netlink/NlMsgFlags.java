package io.keepalived4j.os.netlink;

/** {@code nlmsg_flags} bits of {@code <linux/netlink.h>}. */
public final class NlMsgFlags {

    public static final int REQUEST = 0x1;
    /** Part of a multi-part reply (a dump), ended by an {@link NlMsgType#DONE} message. */
    public static final int MULTI = 0x2;
    public static final int ACK = 0x4;
    public static final int ECHO = 0x8;
    /** The dump was interrupted by a change and may be inconsistent: it must be retried. */
    public static final int DUMP_INTR = 0x10;

    // Modifiers of GET requests.
    public static final int ROOT = 0x100;
    public static final int MATCH = 0x200;
    public static final int DUMP = ROOT | MATCH;

    // Modifiers of NEW requests.
    public static final int REPLACE = 0x100;
    public static final int EXCL = 0x200;
    public static final int CREATE = 0x400;
    public static final int APPEND = 0x800;

    // Flags of an NLMSG_ERROR acknowledgement (extended ACK, Linux 4.12+).
    /** The echoed request was cut to its header. */
    public static final int ACK_CAPPED = 0x100;
    /** Extended-ACK attributes (e.g. a message text) follow the echoed request. */
    public static final int ACK_TLVS = 0x200;

    private NlMsgFlags() {}
}
