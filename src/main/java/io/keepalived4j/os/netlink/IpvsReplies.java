package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.IpvsGenl.*;

import io.keepalived4j.os.netlink.MalformedNetlinkException.Reason;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decodes the kernel's IPVS replies ({@code ip_vs_genl_fill_service}, {@code _fill_dest},
 * {@code _fill_daemon} and the GET_CONFIG/GET_INFO answers of {@code net/netfilter/ipvs/ip_vs_ctl.c}).
 * Unknown attributes are skipped, so newer kernels may add some; a malformed length, a value of
 * the wrong size, a missing attribute the kernel always sends (the same ones keepalived's
 * {@code libipvs.c} requires) or a value outside ip_vs.h is a {@link MalformedNetlinkException}.
 *
 * <pre>{@code
 * for (NetlinkMessage m : socket.dump(ipvs.dumpServices(), "list services")) {
 *     IpvsServiceEntry e = IpvsReplies.service(m);
 * }
 * }</pre>
 */
public final class IpvsReplies {

    private IpvsReplies() {}

    /** One IPVS_CMD_NEW_SERVICE (a dump part or the answer to GET_SERVICE). */
    public static IpvsServiceEntry service(NetlinkMessage message) {
        StrictAttributes svc = attributes(message, IPVS_CMD_NEW_SERVICE, "IPVS_CMD_NEW_SERVICE")
                .nested(IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE");
        int family = family(svc, IPVS_SVC_ATTR_AF, svc.u16(IPVS_SVC_ATTR_AF));
        IpvsServiceKey key;
        if (svc.has(IPVS_SVC_ATTR_FWMARK)) {
            int mark = svc.u32(IPVS_SVC_ATTR_FWMARK);
            key = valid(svc, () -> new IpvsServiceKey.Fwmark(family, mark));
        } else {
            int number = svc.u16(IPVS_SVC_ATTR_PROTOCOL);
            IpvsProtocol protocol = IpvsProtocol.of(number)
                    .orElseThrow(() -> svc.invalid(IPVS_SVC_ATTR_PROTOCOL, "protocol " + number + " is not TCP, UDP or SCTP"));
            key = new IpvsServiceKey.Endpoint(protocol, address(svc, IPVS_SVC_ATTR_ADDR, family),
                    svc.be16(IPVS_SVC_ATTR_PORT));
        }
        ByteBuffer flags = ByteBuffer.wrap(svc.bytes(IPVS_SVC_ATTR_FLAGS, 8)).order(ByteOrder.nativeOrder());
        IpvsFlags ipvsFlags = new IpvsFlags(flags.getInt(), flags.getInt());
        // The kernel puts the netmask with nla_put_be32 whatever the family: for IPv6 it holds
        // the prefix length as a host integer, for IPv4 a mask in network order.
        int netmask = family == AddressFamily.AF_INET6 ? svc.u32(IPVS_SVC_ATTR_NETMASK) : svc.be32(IPVS_SVC_ATTR_NETMASK);
        String scheduler = svc.string(IPVS_SVC_ATTR_SCHED_NAME);
        int timeout = svc.u32(IPVS_SVC_ATTR_TIMEOUT);
        Optional<String> pe = svc.optionalString(IPVS_SVC_ATTR_PE_NAME);
        IpvsService service = valid(svc, () -> new IpvsService(key, scheduler, ipvsFlags, timeout, netmask, pe));
        return new IpvsServiceEntry(service, stats(svc, IPVS_SVC_ATTR_STATS64, IPVS_SVC_ATTR_STATS));
    }

    /**
     * One IPVS_CMD_NEW_DEST of a GET_DEST dump. {@code serviceFamily} is the destination's family
     * when the kernel does not say (IPVS_DEST_ATTR_ADDR_FAMILY is Linux 3.18+), as keepalived assumes.
     */
    public static IpvsDestinationEntry destination(NetlinkMessage message, int serviceFamily) {
        StrictAttributes d = attributes(message, IPVS_CMD_NEW_DEST, "IPVS_CMD_NEW_DEST")
                .nested(IPVS_CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST");
        int family = family(d, IPVS_DEST_ATTR_ADDR_FAMILY, d.u16(IPVS_DEST_ATTR_ADDR_FAMILY, serviceFamily));
        InetAddress address = address(d, IPVS_DEST_ATTR_ADDR, family);
        int port = d.be16(IPVS_DEST_ATTR_PORT);
        int method = d.u32(IPVS_DEST_ATTR_FWD_METHOD) & 0x7; // IP_VS_CONN_F_FWD_MASK
        IpvsForwarding forwarding = IpvsForwarding.of(method)
                .orElseThrow(() -> d.invalid(IPVS_DEST_ATTR_FWD_METHOD, "forwarding method " + method));
        int weight = d.u32(IPVS_DEST_ATTR_WEIGHT);
        int upper = d.u32(IPVS_DEST_ATTR_U_THRESH);
        int lower = d.u32(IPVS_DEST_ATTR_L_THRESH);
        // Linux 5.2+ reports tunnel type and port for every destination (0 when not a tunnel).
        Optional<IpvsTunnel> tunnel = forwarding == IpvsForwarding.TUNNEL ? Optional.of(tunnel(d)) : Optional.empty();
        IpvsDestination destination = valid(d,
                () -> new IpvsDestination(address, port, forwarding, weight, upper, lower, tunnel));
        return new IpvsDestinationEntry(destination, d.u32(IPVS_DEST_ATTR_ACTIVE_CONNS),
                d.u32(IPVS_DEST_ATTR_INACT_CONNS), d.u32(IPVS_DEST_ATTR_PERSIST_CONNS),
                stats(d, IPVS_DEST_ATTR_STATS64, IPVS_DEST_ATTR_STATS));
    }

    /** One IPVS_CMD_NEW_DAEMON of a GET_DAEMON dump; before Linux 4.3 only state, interface and id. */
    public static IpvsSyncDaemon daemon(NetlinkMessage message) {
        StrictAttributes d = attributes(message, IPVS_CMD_NEW_DAEMON, "IPVS_CMD_NEW_DAEMON")
                .nested(IPVS_CMD_ATTR_DAEMON, "IPVS_CMD_ATTR_DAEMON");
        int code = d.u32(IPVS_DAEMON_ATTR_STATE);
        IpvsSyncDaemon.State state = IpvsSyncDaemon.State.of(code)
                .orElseThrow(() -> d.invalid(IPVS_DAEMON_ATTR_STATE, "daemon state " + code));
        String ifname = d.string(IPVS_DAEMON_ATTR_MCAST_IFN);
        int syncId = d.u32(IPVS_DAEMON_ATTR_SYNC_ID);
        int maxLength = d.u16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, 0);
        int port = d.u16(IPVS_DAEMON_ATTR_MCAST_PORT, 0);
        int ttl = d.u8(IPVS_DAEMON_ATTR_MCAST_TTL, 0);
        Optional<InetAddress> group = d.has(IPVS_DAEMON_ATTR_MCAST_GROUP)
                ? Optional.of(AddressFamily.fromBytes(d.bytes(IPVS_DAEMON_ATTR_MCAST_GROUP, 4)))
                : d.has(IPVS_DAEMON_ATTR_MCAST_GROUP6)
                ? Optional.of(AddressFamily.fromBytes(d.bytes(IPVS_DAEMON_ATTR_MCAST_GROUP6, 16)))
                : Optional.empty();
        return valid(d, () -> new IpvsSyncDaemon(state, ifname, syncId, maxLength, port, ttl, group));
    }

    /**
     * The IPVS_CMD_SET_CONFIG answer to GET_CONFIG; a timeout of a protocol the kernel was built
     * without is absent and reads 0.
     */
    public static IpvsTimeouts timeouts(NetlinkMessage message) {
        StrictAttributes a = attributes(message, IPVS_CMD_SET_CONFIG, "IPVS_CMD_SET_CONFIG");
        int tcp = a.u32(IPVS_CMD_ATTR_TIMEOUT_TCP, 0);
        int fin = a.u32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, 0);
        int udp = a.u32(IPVS_CMD_ATTR_TIMEOUT_UDP, 0);
        return valid(a, () -> new IpvsTimeouts(tcp, fin, udp));
    }

    /** The IPVS_CMD_SET_INFO answer to GET_INFO. */
    public static IpvsInfo info(NetlinkMessage message) {
        StrictAttributes a = attributes(message, IPVS_CMD_SET_INFO, "IPVS_CMD_SET_INFO");
        return new IpvsInfo(a.u32(IPVS_INFO_ATTR_VERSION), a.u32(IPVS_INFO_ATTR_CONN_TAB_SIZE));
    }

    /** The top-level attributes after the genl header, once the message is known to be {@code cmd}. */
    private static StrictAttributes attributes(NetlinkMessage message, int cmd, String name) {
        if (message.header().type() < GenlControlMessages.GENL_ID_CTRL) {
            throw new MalformedNetlinkException(Reason.UNEXPECTED_MESSAGE,
                    "expected " + name + ", got netlink control message type " + message.header().type());
        }
        ByteBuffer body = message.body();
        GenlMsgHdr genl = GenlMsgHdr.decode(body);
        if (genl.cmd() != cmd) {
            throw new MalformedNetlinkException(Reason.UNEXPECTED_MESSAGE,
                    "expected " + name + " (" + cmd + "), got IPVS command " + genl.cmd());
        }
        return StrictAttributes.parse(body, name);
    }

    private static int family(StrictAttributes level, int type, int family) {
        if (family != AddressFamily.AF_INET && family != AddressFamily.AF_INET6) {
            throw level.invalid(type, "address family " + family + " is neither AF_INET nor AF_INET6");
        }
        return family;
    }

    /** An address the kernel sends as a 16-byte union nf_inet_addr (IPv4 in its first 4 bytes). */
    private static InetAddress address(StrictAttributes level, int type, int family) {
        byte[] raw = family == AddressFamily.AF_INET6 ? level.bytes(type, 16) : level.bytes(type, 4, 16);
        return AddressFamily.fromBytes(family == AddressFamily.AF_INET6 ? raw : Arrays.copyOf(raw, 4));
    }

    private static IpvsTunnel tunnel(StrictAttributes d) {
        int type = d.u8(IPVS_DEST_ATTR_TUN_TYPE, 0);
        if (type >= IpvsTunnel.Type.values().length) {
            throw d.invalid(IPVS_DEST_ATTR_TUN_TYPE, "tunnel type " + type);
        }
        int port = d.be16(IPVS_DEST_ATTR_TUN_PORT, 0);
        int flags = d.u16(IPVS_DEST_ATTR_TUN_FLAGS, 0);
        return valid(d, () -> new IpvsTunnel(IpvsTunnel.Type.values()[type], port, flags));
    }

    /** STATS64 when present (all u64), else STATS (bytes u64, the rest u32), as keepalived prefers. */
    private static Optional<IpvsStats> stats(StrictAttributes level, int stats64, int stats32) {
        Optional<StrictAttributes> wide = level.optionalNested(stats64, level.level() + " STATS64");
        if (wide.isPresent()) {
            StrictAttributes s = wide.get();
            return Optional.of(new IpvsStats(s.u64(IPVS_STATS_ATTR_CONNS), s.u64(IPVS_STATS_ATTR_INPKTS),
                    s.u64(IPVS_STATS_ATTR_OUTPKTS), s.u64(IPVS_STATS_ATTR_INBYTES), s.u64(IPVS_STATS_ATTR_OUTBYTES),
                    s.u64(IPVS_STATS_ATTR_CPS), s.u64(IPVS_STATS_ATTR_INPPS), s.u64(IPVS_STATS_ATTR_OUTPPS),
                    s.u64(IPVS_STATS_ATTR_INBPS), s.u64(IPVS_STATS_ATTR_OUTBPS)));
        }
        return level.optionalNested(stats32, level.level() + " STATS").map(s -> new IpvsStats(
                unsigned(s, IPVS_STATS_ATTR_CONNS), unsigned(s, IPVS_STATS_ATTR_INPKTS),
                unsigned(s, IPVS_STATS_ATTR_OUTPKTS), s.u64(IPVS_STATS_ATTR_INBYTES), s.u64(IPVS_STATS_ATTR_OUTBYTES),
                unsigned(s, IPVS_STATS_ATTR_CPS), unsigned(s, IPVS_STATS_ATTR_INPPS),
                unsigned(s, IPVS_STATS_ATTR_OUTPPS), unsigned(s, IPVS_STATS_ATTR_INBPS),
                unsigned(s, IPVS_STATS_ATTR_OUTBPS)));
    }

    private static long unsigned(StrictAttributes s, int type) {
        return Integer.toUnsignedLong(s.u32(type));
    }

    /** Builds a record from decoded values; what its constructor refuses is a malformed reply. */
    private static <T> T valid(StrictAttributes level, Supplier<T> build) {
        try {
            return build.get();
        } catch (MalformedNetlinkException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new MalformedNetlinkException(Reason.INVALID_VALUE, level.level() + ": " + e.getMessage());
        }
    }
}
