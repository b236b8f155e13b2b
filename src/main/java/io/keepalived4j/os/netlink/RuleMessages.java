package io.keepalived4j.os.netlink;

/** Encodes RTM_NEWRULE/DELRULE requests the way {@code ip rule add|del} does (iproute2 {@code iprule.c}). */
public final class RuleMessages {

    private RuleMessages() {}

    /** NLM_F_EXCL: since Linux 4.12 an identical rule is refused with EEXIST instead of duplicated. */
    public static NetlinkRequest add(RuleSpec spec) {
        return request(NlMsgType.RTM_NEWRULE,
                NlMsgFlags.REQUEST | NlMsgFlags.ACK | NlMsgFlags.CREATE | NlMsgFlags.EXCL, spec);
    }

    /** The kernel deletes the first rule that matches every selector given here. */
    public static NetlinkRequest delete(RuleSpec spec) {
        return request(NlMsgType.RTM_DELRULE, NlMsgFlags.REQUEST | NlMsgFlags.ACK, spec);
    }

    private static NetlinkRequest request(int type, int flags, RuleSpec spec) {
        int rtmTable = spec.table() < 256 ? spec.table() : RtMsg.RT_TABLE_UNSPEC;
        FibRuleHdr hdr = new FibRuleHdr(spec.family(), spec.to().map(Prefix::length).orElse(0),
                spec.from().map(Prefix::length).orElse(0), 0, rtmTable, FibRuleHdr.FR_ACT_TO_TBL, 0);
        NetlinkRequest r = NetlinkRequest.of(type, flags).struct(hdr::encode);
        spec.to().ifPresent(p -> r.attr(FibRuleHdr.FRA_DST, p.address().getAddress()));
        spec.from().ifPresent(p -> r.attr(FibRuleHdr.FRA_SRC, p.address().getAddress()));
        if (spec.priority() >= 0) {
            r.attrU32(FibRuleHdr.FRA_PRIORITY, (int) spec.priority());
        }
        r.attrU32(FibRuleHdr.FRA_TABLE, spec.table());
        return r;
    }
}
