/**
 * rtnetlink (NETLINK_ROUTE) for keepalived4j: the addresses, routes, rules, VMAC macvlans and
 * link monitoring that keepalived does through libnl/its own netlink code; and the generic
 * netlink codec of the kernel's IPVS table ({@code Genl*}, {@code Ipvs*}; {@code docs/ipvs-netlink.md}).
 *
 * <p>Layers, bottom up:
 * <ul>
 *   <li>pure codecs, no native code: {@link io.keepalived4j.os.netlink.NlMsgHeader},
 *       {@link io.keepalived4j.os.netlink.RtAttributes}, the kernel structs
 *       ({@link io.keepalived4j.os.netlink.IfAddrMsg}, {@link io.keepalived4j.os.netlink.IfInfoMsg},
 *       {@link io.keepalived4j.os.netlink.RtMsg}, {@link io.keepalived4j.os.netlink.FibRuleHdr},
 *       {@link io.keepalived4j.os.netlink.NlMsgErr}) and the request builders
 *       ({@code AddressMessages}, {@code LinkMessages}, {@code RouteMessages}, {@code RuleMessages});
 *       for generic netlink {@link io.keepalived4j.os.netlink.GenlMsgHdr},
 *       {@link io.keepalived4j.os.netlink.GenlControlMessages} (family lookup),
 *       {@link io.keepalived4j.os.netlink.IpvsMessages} and {@link io.keepalived4j.os.netlink.IpvsReplies}
 *       over the {@code Ipvs*} records, whose replies are read with
 *       {@link io.keepalived4j.os.netlink.StrictAttributes};</li>
 *   <li>{@link io.keepalived4j.os.netlink.NetlinkSocket}: request/ACK and dump exchanges over FFM
 *       ({@code NetlinkNative}), errors as {@link io.keepalived4j.os.netlink.NetlinkException};</li>
 *   <li>{@link io.keepalived4j.os.netlink.RtNetlink} and {@link io.keepalived4j.os.netlink.LinkMonitor},
 *       what the daemon uses.</li>
 * </ul>
 * All multi-byte netlink fields are in host byte order; addresses are in network order, and so
 * are IPVS's ports ({@link io.keepalived4j.os.netlink.IpvsGenl} lists the exceptions).
 */
package io.keepalived4j.os.netlink;
