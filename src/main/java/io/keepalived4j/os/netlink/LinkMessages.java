package io.keepalived4j.os.netlink;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Encodes RTM_*LINK requests and decodes RTM_NEWLINK messages (iproute2 {@code iplink.c}). */
public final class LinkMessages {

    private static final int ARPHRD_NONE = 0;

    private LinkMessages() {}

    public static NetlinkRequest dump() {
        return NetlinkRequest.of(NlMsgType.RTM_GETLINK, NlMsgFlags.REQUEST | NlMsgFlags.DUMP)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, 0, 0, 0)::encode);
    }

    /**
     * {@code ip link show dev NAME}: one link, looked up by the kernel (RTM_GETLINK with index 0 and
     * IFLA_IFNAME), answered with one RTM_NEWLINK or ENODEV. A dump of every link is what a host
     * with thousands of VLANs cannot afford on a takeover.
     */
    public static NetlinkRequest get(String name) {
        return NetlinkRequest.of(NlMsgType.RTM_GETLINK, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, 0, 0, 0)::encode)
                .attrString(IfInfoMsg.IFLA_IFNAME, name);
    }

    /** {@code ip link show dev INDEX}: one link by index, one RTM_NEWLINK or ENODEV. */
    public static NetlinkRequest get(int index) {
        return NetlinkRequest.of(NlMsgType.RTM_GETLINK, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, index, 0, 0)::encode);
    }

    /**
     * {@code ip link add NAME link PARENT address MAC type macvlan mode MODE} and, when {@code up},
     * brought up in the same request (ifi_change selects IFF_UP, as {@code ip link add ... up}).
     */
    public static NetlinkRequest createMacvlan(MacvlanSpec spec, boolean up) {
        int upBit = up ? IfInfoMsg.IFF_UP : 0;
        return NetlinkRequest.of(NlMsgType.RTM_NEWLINK,
                        NlMsgFlags.REQUEST | NlMsgFlags.ACK | NlMsgFlags.CREATE | NlMsgFlags.EXCL)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, 0, upBit, upBit)::encode)
                .attrU32(IfInfoMsg.IFLA_LINK, spec.parentIndex())
                .attrString(IfInfoMsg.IFLA_IFNAME, spec.name())
                .attr(IfInfoMsg.IFLA_ADDRESS, spec.mac().octets())
                .beginNest(IfInfoMsg.IFLA_LINKINFO)
                .attrString(IfInfoMsg.IFLA_INFO_KIND, "macvlan")
                .beginNest(IfInfoMsg.IFLA_INFO_DATA)
                .attrU32(IfInfoMsg.IFLA_MACVLAN_MODE, spec.mode().code())
                .endNest()
                .endNest();
    }

    /** {@code ip link set dev INDEX up|down}: only the IFF_UP bit is changed. */
    public static NetlinkRequest setUp(int index, boolean up) {
        return NetlinkRequest.of(NlMsgType.RTM_NEWLINK, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, index, up ? IfInfoMsg.IFF_UP : 0,
                        IfInfoMsg.IFF_UP)::encode);
    }

    /** {@code ip link del dev INDEX}. */
    public static NetlinkRequest delete(int index) {
        return NetlinkRequest.of(NlMsgType.RTM_DELLINK, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, index, 0, 0)::encode);
    }

    /** {@code ip link del NAME}: index 0 and IFLA_IFNAME, which the kernel looks up itself. */
    public static NetlinkRequest delete(String name) {
        return NetlinkRequest.of(NlMsgType.RTM_DELLINK, NlMsgFlags.REQUEST | NlMsgFlags.ACK)
                .struct(new IfInfoMsg(AddressFamily.AF_UNSPEC, ARPHRD_NONE, 0, 0, 0)::encode)
                .attrString(IfInfoMsg.IFLA_IFNAME, name);
    }

    /** Decodes the payload of an RTM_NEWLINK (or RTM_DELLINK) message. */
    public static Link decode(NetlinkMessage message) {
        ByteBuffer body = message.body();
        IfInfoMsg ifi = IfInfoMsg.decode(body);
        RtAttributes attrs = RtAttributes.parse(body);
        Optional<MacAddress> mac = attrs.get(IfInfoMsg.IFLA_ADDRESS)
                .filter(a -> a.value().length == 6).map(a -> MacAddress.of(a.value()));
        Optional<String> kind = attrs.get(IfInfoMsg.IFLA_LINKINFO)
                .flatMap(info -> info.nested().get(IfInfoMsg.IFLA_INFO_KIND)).map(RtAttr::string);
        return new Link(ifi.index(),
                attrs.get(IfInfoMsg.IFLA_IFNAME).map(RtAttr::string).orElse(""),
                ifi.flags(),
                OperState.of(attrs.get(IfInfoMsg.IFLA_OPERSTATE).map(RtAttr::u8).orElse(0)),
                mac,
                attrs.get(IfInfoMsg.IFLA_MTU).map(RtAttr::u32).orElse(0),
                attrs.get(IfInfoMsg.IFLA_MASTER).map(RtAttr::u32).orElse(0),
                attrs.get(IfInfoMsg.IFLA_LINK).map(RtAttr::u32).orElse(0),
                kind);
    }
}
