package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The generic netlink controller ("nlctrl", {@code <linux/genetlink.h>}): resolving a family's
 * name to the message type its requests carry, as libnl's {@code genl_ctrl_resolve()} does for
 * keepalived and ipvsadm before their first IPVS command.
 *
 * <pre>{@code
 * NetlinkRequest ask = GenlControlMessages.getFamily("IPVS");       // over a NETLINK_GENERIC socket
 * GenlFamily ipvs = GenlControlMessages.decodeFamily(reply);         // reply: CTRL_CMD_NEWFAMILY
 * IpvsMessages messages = IpvsMessages.forFamily(ipvs);
 * }</pre>
 */
public final class GenlControlMessages {

    /** The controller's fixed message type ({@code GENL_ID_CTRL = NLMSG_MIN_TYPE}). */
    public static final int GENL_ID_CTRL = 0x10;
    /** Dynamic family ids are allocated in [GENL_START_ALLOC, GENL_MAX_ID]; the low ones are reserved. */
    public static final int GENL_MAX_ID = 1023;

    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;

    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_OPS = 6;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    public static final int CTRL_ATTR_OP_ID = 1;
    public static final int CTRL_ATTR_OP_FLAGS = 2;

    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** {@code GENL_NAMSIZ}: family names are at most 15 characters and a NUL. */
    private static final int NAME_MAX = 15;
    /** libnl's {@code genl_ctrl_probe_by_name} sends version 1; the kernel answers with the controller's own (2). */
    private static final int REQUEST_VERSION = 1;

    private GenlControlMessages() {}

    /**
     * CTRL_CMD_GETFAMILY for one family by name, byte for byte what libnl 3.7 sends (REQUEST|ACK,
     * version 1, CTRL_ATTR_FAMILY_NAME with its NUL): the kernel answers with one
     * CTRL_CMD_NEWFAMILY message then the ACK, or ENOENT when no such family is registered
     * (for IPVS: the {@code ip_vs} module is not loaded).
     */
    public static NetlinkRequest getFamily(String name) {
        if (name.isEmpty() || name.length() > NAME_MAX) {
            throw new IllegalArgumentException("generic netlink family names have 1 to 15 characters: " + name);
        }
        return NetlinkRequest.of(GENL_ID_CTRL, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
                .struct(new GenlMsgHdr(CTRL_CMD_GETFAMILY, REQUEST_VERSION)::encode)
                .attrString(CTRL_ATTR_FAMILY_NAME, name);
    }

    /**
     * Decodes the controller's CTRL_CMD_NEWFAMILY answer (kernel {@code ctrl_fill_info}): name,
     * id, version, header size and maxattr always; the commands and multicast groups when the
     * family has some (IPVS has no multicast group).
     *
     * @throws MalformedNetlinkException for another message or a malformed one
     */
    public static GenlFamily decodeFamily(NetlinkMessage message) {
        if (message.header().type() != GENL_ID_CTRL) {
            throw new MalformedNetlinkException(MalformedNetlinkException.Reason.UNEXPECTED_MESSAGE,
                    "expected a generic netlink controller message (type 16), got type " + message.header().type());
        }
        ByteBuffer body = message.body();
        GenlMsgHdr genl = GenlMsgHdr.decode(body);
        if (genl.cmd() != CTRL_CMD_NEWFAMILY) {
            throw new MalformedNetlinkException(MalformedNetlinkException.Reason.UNEXPECTED_MESSAGE,
                    "expected CTRL_CMD_NEWFAMILY (1), got controller command " + genl.cmd());
        }
        StrictAttributes attrs = StrictAttributes.parse(body, "nlctrl family");
        Map<Integer, Integer> commands = new HashMap<>();
        attrs.optionalNested(CTRL_ATTR_OPS, "CTRL_ATTR_OPS").ifPresent(ops -> {
            // Each command is a nest whose type is its index (1, 2, ...), holding its id and flags.
            for (RtAttr op : ops.all()) {
                StrictAttributes o = ops.nested(op, "CTRL_ATTR_OPS entry " + op.type());
                commands.put(o.u32(CTRL_ATTR_OP_ID), o.u32(CTRL_ATTR_OP_FLAGS, 0));
            }
        });
        Map<String, Integer> groups = new HashMap<>();
        attrs.optionalNested(CTRL_ATTR_MCAST_GROUPS, "CTRL_ATTR_MCAST_GROUPS").ifPresent(all -> {
            for (RtAttr group : all.all()) {
                StrictAttributes g = all.nested(group, "CTRL_ATTR_MCAST_GROUPS entry " + group.type());
                groups.put(g.string(CTRL_ATTR_MCAST_GRP_NAME), g.u32(CTRL_ATTR_MCAST_GRP_ID));
            }
        });
        return new GenlFamily(attrs.u16(CTRL_ATTR_FAMILY_ID), attrs.string(CTRL_ATTR_FAMILY_NAME),
                attrs.u32(CTRL_ATTR_VERSION), attrs.u32(CTRL_ATTR_HDRSIZE, 0), attrs.u32(CTRL_ATTR_MAXATTR, 0),
                commands, groups);
    }
}
