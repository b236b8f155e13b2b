package io.keepalived4j.os.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes RTM_NEWADDR/DELADDR/GETADDR requests and decodes RTM_NEWADDR/DELADDR messages, as
 * {@code ip addr add|del|show} does (iproute2 {@code ipaddress.c}).
 */
public final class AddressMessages {

    private AddressMessages() {}

    /**
     * {@code ip addr add}: NLM_F_CREATE|NLM_F_EXCL, so an existing address yields EEXIST rather
     * than being silently replaced. IPv4 carries both IFA_LOCAL and IFA_ADDRESS (the peer, equal
     * to the local address when there is none); IPv6 only IFA_ADDRESS unless it has a peer, as
     * iproute2 sends.
     */
    public static NetlinkRequest add(AddressSpec spec) {
        return request(NlMsgType.RTM_NEWADDR,
                NlMsgFlags.REQUEST | NlMsgFlags.ACK | NlMsgFlags.CREATE | NlMsgFlags.EXCL, spec, true);
    }

    /** {@code ip addr del}: the kernel matches local address, prefix length and label. */
    public static NetlinkRequest delete(AddressSpec spec) {
        return request(NlMsgType.RTM_DELADDR, NlMsgFlags.REQUEST | NlMsgFlags.ACK, spec, false);
    }

    /** Dumps all addresses of {@code family} ({@link AddressFamily#AF_UNSPEC} for both). */
    public static NetlinkRequest dump(int family) {
        return NetlinkRequest.of(NlMsgType.RTM_GETADDR, NlMsgFlags.REQUEST | NlMsgFlags.DUMP)
                .struct(new IfAddrMsg(family, 0, 0, 0, 0)::encode);
    }

    private static NetlinkRequest request(int type, int flags, AddressSpec spec, boolean add) {
        byte[] raw = spec.prefix().address().getAddress();
        // As iproute2: flags that fit go in the 8-bit ifa_flags, others need the u32 IFA_FLAGS.
        int ifaFlags = spec.flags() <= 0xff ? spec.flags() : 0;
        NetlinkRequest r = NetlinkRequest.of(type, flags)
                .struct(new IfAddrMsg(spec.family(), spec.prefix().length(), ifaFlags, spec.scope(), spec.ifindex())::encode);
        if (spec.family() == AddressFamily.AF_INET || spec.peer().isPresent()) {
            r.attr(IfAddrMsg.IFA_LOCAL, raw);
        }
        r.attr(IfAddrMsg.IFA_ADDRESS, spec.peer().map(InetAddress::getAddress).orElse(raw));
        if (spec.flags() > 0xff) {
            r.attrU32(IfAddrMsg.IFA_FLAGS, spec.flags());
        }
        spec.broadcast().ifPresent(b -> r.attr(IfAddrMsg.IFA_BROADCAST, b.getAddress()));
        spec.label().ifPresent(l -> r.attrString(IfAddrMsg.IFA_LABEL, l));
        if (add && spec.preferredLifetime() != AddressSpec.FOREVER) {
            // struct ifa_cacheinfo { u32 ifa_prefered, ifa_valid, cstamp, tstamp }: valid stays forever.
            r.attr(IfAddrMsg.IFA_CACHEINFO, ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putInt((int) spec.preferredLifetime()).putInt((int) AddressSpec.FOREVER).array());
        }
        return r;
    }

    /** Decodes the payload of an RTM_NEWADDR/RTM_DELADDR message. */
    public static InterfaceAddress decode(NetlinkMessage message) {
        ByteBuffer body = message.body();
        IfAddrMsg ifa = IfAddrMsg.decode(body);
        RtAttributes attrs = RtAttributes.parse(body);
        // For IPv4 IFA_LOCAL is the interface's own address and IFA_ADDRESS the peer's; IPv6 sends
        // only IFA_ADDRESS.
        byte[] local = attrs.get(IfAddrMsg.IFA_LOCAL).or(() -> attrs.get(IfAddrMsg.IFA_ADDRESS))
                .map(RtAttr::value).orElseThrow(() -> new IllegalArgumentException("address message without address"));
        int flags = attrs.get(IfAddrMsg.IFA_FLAGS).map(RtAttr::u32).orElse(ifa.flags());
        return new InterfaceAddress(ifa.index(), new Prefix(AddressFamily.fromBytes(local), ifa.prefixLength()),
                ifa.scope(), flags,
                attrs.get(IfAddrMsg.IFA_BROADCAST).map(a -> AddressFamily.fromBytes(a.value())),
                attrs.get(IfAddrMsg.IFA_LABEL).map(RtAttr::string));
    }
}
