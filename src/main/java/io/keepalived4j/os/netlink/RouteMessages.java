package io.keepalived4j.os.netlink;

/** Encodes RTM_NEWROUTE/DELROUTE requests the way {@code ip route add|del} does (iproute2 {@code iproute.c}). */
public final class RouteMessages {

    private RouteMessages() {}

    /** NLM_F_CREATE|NLM_F_EXCL: an identical route yields EEXIST, as with {@code ip route add}. */
    public static NetlinkRequest add(RouteSpec spec) {
        return request(NlMsgType.RTM_NEWROUTE,
                NlMsgFlags.REQUEST | NlMsgFlags.ACK | NlMsgFlags.CREATE | NlMsgFlags.EXCL, spec, true);
    }

    public static NetlinkRequest delete(RouteSpec spec) {
        return request(NlMsgType.RTM_DELROUTE, NlMsgFlags.REQUEST | NlMsgFlags.ACK, spec, false);
    }

    private static NetlinkRequest request(int type, int flags, RouteSpec spec, boolean add) {
        // rtm_table holds 0..255; larger ids go in RTA_TABLE only, with rtm_table RT_TABLE_UNSPEC.
        int rtmTable = spec.table() < 256 ? spec.table() : RtMsg.RT_TABLE_UNSPEC;
        RtMsg rtm = new RtMsg(spec.family(), spec.destination().length(), 0, 0, rtmTable,
                add ? spec.protocol() : RtMsg.RTPROT_UNSPEC, scope(spec, add), spec.type().code(), 0);
        NetlinkRequest r = NetlinkRequest.of(type, flags).struct(rtm::encode);
        if (spec.destination().length() > 0) {
            r.attr(RtMsg.RTA_DST, spec.destination().address().getAddress());
        }
        spec.via().ifPresent(g -> r.attr(RtMsg.RTA_GATEWAY, g.getAddress()));
        spec.src().ifPresent(s -> r.attr(RtMsg.RTA_PREFSRC, s.getAddress()));
        if (spec.ifindex() > 0) {
            r.attrU32(RtMsg.RTA_OIF, spec.ifindex());
        }
        if (spec.metric() >= 0) {
            r.attrU32(RtMsg.RTA_PRIORITY, (int) spec.metric());
        }
        r.attrU32(RtMsg.RTA_TABLE, spec.table());
        return r;
    }

    /**
     * iproute2's defaults: a delete matches any scope (RT_SCOPE_NOWHERE is the wildcard there);
     * a unicast route without gateway is on-link (scope link); everything else is universe.
     */
    private static int scope(RouteSpec spec, boolean add) {
        if (spec.scope() >= 0) {
            return spec.scope();
        }
        if (!add) {
            return RtScope.NOWHERE;
        }
        return spec.type() == RouteType.UNICAST && spec.via().isEmpty() ? RtScope.LINK : RtScope.UNIVERSE;
    }
}
