package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.IpvsGenl.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Encodes the requests of the "IPVS" generic netlink family, attribute for attribute and in the
 * order keepalived 2.2.7 sends them through libnl 3.7 ({@code keepalived/check/libipvs.c}):
 * containers flagged {@link RtAttr#F_NESTED}, addresses as a 16-byte {@code union nf_inet_addr},
 * strings with their NUL. The bytes differ from keepalived's only in {@code nlmsg_seq} and
 * {@code nlmsg_pid} (libnl fills in the socket's port id; the kernel ignores it) and in the
 * dump flags: libnl adds NLM_F_ACK to dumps, which the kernel ignores for them, and
 * {@link NetlinkSocket#dump} does not expect. (Read from keepalived's and libnl's sources;
 * {@code docs/ipvs-netlink.md} lists the bytes, still to be checked against a capture.)
 *
 * <p>Bound to the family id the controller gave on this host (see
 * {@link GenlControlMessages#getFamily}).
 *
 * <pre>{@code
 * IpvsMessages ipvs = IpvsMessages.forFamily(family);
 * socket.ack(ipvs.newService(web), "add service TCP 10.231.2.100:80");
 * socket.ack(ipvs.newDestination(web, rs), "add destination 10.231.2.21:80");
 * }</pre>
 */
public final class IpvsMessages {

    /** keepalived's requests: libnl's {@code nl_send_auto} adds REQUEST and ACK to flags 0. */
    private static final int DO = NlMsgFlags.REQUEST | NlMsgFlags.ACK;
    private static final int DUMP = NlMsgFlags.REQUEST | NlMsgFlags.DUMP;
    /** {@code sizeof(union nf_inet_addr)}: keepalived sends every service and destination address so. */
    private static final int NF_INET_ADDR = 16;

    private final int familyId;

    private IpvsMessages(int familyId) {
        this.familyId = familyId;
    }

    public static IpvsMessages forFamily(int familyId) {
        if (familyId <= GenlControlMessages.GENL_ID_CTRL || familyId > GenlControlMessages.GENL_MAX_ID) {
            throw new IllegalArgumentException("not a dynamic generic netlink family id: " + familyId);
        }
        return new IpvsMessages(familyId);
    }

    public static IpvsMessages forFamily(GenlFamily family) {
        if (!FAMILY_NAME.equals(family.name())) {
            throw new IllegalArgumentException("not the IPVS family: " + family.name());
        }
        return forFamily(family.id());
    }

    public int familyId() {
        return familyId;
    }

    // Services: keepalived's ipvs_nl_fill_service_attr for NEW, SET and DEL alike.

    /** {@code ipvsadm -A}: EEXIST when the service is there, ENOENT for an unknown scheduler. */
    public NetlinkRequest newService(IpvsService service) {
        return serviceCommand(IPVS_CMD_NEW_SERVICE, service);
    }

    /** {@code ipvsadm -E}: changes scheduler, flags, persistence of an existing service. */
    public NetlinkRequest setService(IpvsService service) {
        return serviceCommand(IPVS_CMD_SET_SERVICE, service);
    }

    /** {@code ipvsadm -D}: the kernel reads only the key; keepalived sends the whole service. */
    public NetlinkRequest deleteService(IpvsService service) {
        return serviceCommand(IPVS_CMD_DEL_SERVICE, service);
    }

    /** One service by key (answered by one IPVS_CMD_NEW_SERVICE, then the ACK; ESRCH if absent). */
    public NetlinkRequest getService(IpvsServiceKey key) {
        NetlinkRequest r = request(IPVS_CMD_GET_SERVICE, DO).beginNest(IPVS_CMD_ATTR_SERVICE | RtAttr.F_NESTED);
        putKey(r, key, NF_INET_ADDR);
        return r.endNest();
    }

    /** Every service of this network namespace, one IPVS_CMD_NEW_SERVICE each. */
    public NetlinkRequest dumpServices() {
        return request(IPVS_CMD_GET_SERVICE, DUMP);
    }

    // Destinations: the service's attributes, then keepalived's ipvs_nl_fill_dest_attr.

    /** {@code ipvsadm -a}: EEXIST when the destination is there, ESRCH without the service. */
    public NetlinkRequest newDestination(IpvsService service, IpvsDestination destination) {
        return destinationCommand(IPVS_CMD_NEW_DEST, service, destination);
    }

    /** {@code ipvsadm -e}: weight, thresholds, forwarding; how keepalived quiesces (weight 0). */
    public NetlinkRequest setDestination(IpvsService service, IpvsDestination destination) {
        return destinationCommand(IPVS_CMD_SET_DEST, service, destination);
    }

    /** {@code ipvsadm -d}: ENOENT when there is no such destination. */
    public NetlinkRequest deleteDestination(IpvsService service, IpvsDestination destination) {
        return destinationCommand(IPVS_CMD_DEL_DEST, service, destination);
    }

    /**
     * The destinations of one service, one IPVS_CMD_NEW_DEST each. As keepalived's
     * {@code ipvs_get_dests}, only the key, and the address in its own length (4 or 16 bytes).
     */
    public NetlinkRequest dumpDestinations(IpvsServiceKey key) {
        NetlinkRequest r = request(IPVS_CMD_GET_DEST, DUMP).beginNest(IPVS_CMD_ATTR_SERVICE | RtAttr.F_NESTED);
        putKey(r, key, 0);
        return r.endNest();
    }

    // The sync daemon: keepalived's ipvs_start_daemon / ipvs_stop_daemon.

    /** {@code ipvsadm --start-daemon}: EEXIST when one of this state runs. */
    public NetlinkRequest startDaemon(IpvsSyncDaemon daemon) {
        NetlinkRequest r = request(IPVS_CMD_NEW_DAEMON, DO).beginNest(IPVS_CMD_ATTR_DAEMON | RtAttr.F_NESTED)
                .attrU32(IPVS_DAEMON_ATTR_STATE, daemon.state().code())
                .attrString(IPVS_DAEMON_ATTR_MCAST_IFN, daemon.interfaceName())
                .attrU32(IPVS_DAEMON_ATTR_SYNC_ID, daemon.syncId());
        // The v2 attributes (Linux 4.3+) only when set, so older kernels still accept the rest.
        if (daemon.maxLength() != 0) {
            r.attrU16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, daemon.maxLength());
        }
        if (daemon.multicastPort() != 0) {
            r.attrU16(IPVS_DAEMON_ATTR_MCAST_PORT, daemon.multicastPort()); // host order: nla_get_u16
        }
        if (daemon.multicastTtl() != 0) {
            r.attrU8(IPVS_DAEMON_ATTR_MCAST_TTL, daemon.multicastTtl());
        }
        daemon.multicastGroup().ifPresent(g -> r.attr(
                daemon.groupIsIpv4() ? IPVS_DAEMON_ATTR_MCAST_GROUP : IPVS_DAEMON_ATTR_MCAST_GROUP6, g.getAddress()));
        return r.endNest();
    }

    /** {@code ipvsadm --stop-daemon}: the kernel needs the state; keepalived adds the sync id. ESRCH if none runs. */
    public NetlinkRequest stopDaemon(IpvsSyncDaemon.State state, int syncId) {
        return request(IPVS_CMD_DEL_DAEMON, DO).beginNest(IPVS_CMD_ATTR_DAEMON | RtAttr.F_NESTED)
                .attrU32(IPVS_DAEMON_ATTR_STATE, state.code())
                .attrU32(IPVS_DAEMON_ATTR_SYNC_ID, syncId)
                .endNest();
    }

    /** The running daemons, one IPVS_CMD_NEW_DAEMON each (master first). */
    public NetlinkRequest dumpDaemons() {
        return request(IPVS_CMD_GET_DAEMON, DUMP);
    }

    // Configuration.

    /** {@code lvs_timeouts}: all three, as keepalived sends them; 0 leaves one unchanged. */
    public NetlinkRequest setTimeouts(IpvsTimeouts timeouts) {
        return request(IPVS_CMD_SET_CONFIG, DO)
                .attrU32(IPVS_CMD_ATTR_TIMEOUT_TCP, timeouts.tcp())
                .attrU32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, timeouts.tcpFin())
                .attrU32(IPVS_CMD_ATTR_TIMEOUT_UDP, timeouts.udp());
    }

    /** Answered by one IPVS_CMD_SET_CONFIG with the three timeouts, then the ACK. */
    public NetlinkRequest getTimeouts() {
        return request(IPVS_CMD_GET_CONFIG, DO);
    }

    /** Answered by one IPVS_CMD_SET_INFO (version, connection table size), then the ACK. */
    public NetlinkRequest getInfo() {
        return request(IPVS_CMD_GET_INFO, DO);
    }

    /** {@code ipvsadm -C}: every service and destination of the namespace ({@code lvs_flush}). */
    public NetlinkRequest flush() {
        return request(IPVS_CMD_FLUSH, DO);
    }

    /** {@code ipvsadm -Z}: every counter. */
    public NetlinkRequest zeroAll() {
        return request(IPVS_CMD_ZERO, DO);
    }

    /** {@code ipvsadm -Z -t ...}: the counters of one service and its destinations. */
    public NetlinkRequest zero(IpvsServiceKey key) {
        NetlinkRequest r = request(IPVS_CMD_ZERO, DO).beginNest(IPVS_CMD_ATTR_SERVICE | RtAttr.F_NESTED);
        putKey(r, key, NF_INET_ADDR);
        return r.endNest();
    }

    private NetlinkRequest request(int cmd, int flags) {
        return NetlinkRequest.of(familyId, flags).struct(new GenlMsgHdr(cmd, VERSION)::encode);
    }

    private NetlinkRequest serviceCommand(int cmd, IpvsService service) {
        return putService(request(cmd, DO), service);
    }

    private NetlinkRequest destinationCommand(int cmd, IpvsService service, IpvsDestination destination) {
        // keepalived 2.2.7 names the service of a destination command by its key and scheduler,
        // with its flags but not PERSISTENT (mask all), timeout 0 and a full netmask: the kernel
        // reads only the key (golden bytes in src/test/resources/ipvs/keepalived-2.2.7.capture).
        IpvsService key = new IpvsService(service.key(), service.scheduler(),
                new IpvsFlags(service.flags().flags() & ~IpvsFlags.PERSISTENT, 0xffffffff), 0,
                service.key().family() == AddressFamily.AF_INET6 ? 128 : 0xffffffff, service.persistenceEngine());
        NetlinkRequest r = putService(request(cmd, DO), key);
        r.beginNest(IPVS_CMD_ATTR_DEST | RtAttr.F_NESTED)
                .attrU16(IPVS_DEST_ATTR_ADDR_FAMILY, destination.family())
                .attr(IPVS_DEST_ATTR_ADDR, address(destination.address(), NF_INET_ADDR))
                .attrBe16(IPVS_DEST_ATTR_PORT, destination.port())
                .attrU32(IPVS_DEST_ATTR_FWD_METHOD, destination.forwarding().code())
                .attrU32(IPVS_DEST_ATTR_WEIGHT, destination.weight());
        destination.tunnel().ifPresent(t -> {
            r.attrU8(IPVS_DEST_ATTR_TUN_TYPE, t.type().code());
            if (t.type() == IpvsTunnel.Type.GUE) {
                r.attrBe16(IPVS_DEST_ATTR_TUN_PORT, t.port());
            }
            if (t.type() != IpvsTunnel.Type.IPIP) {
                r.attrU16(IPVS_DEST_ATTR_TUN_FLAGS, t.flags());
            }
        });
        return r.attrU32(IPVS_DEST_ATTR_U_THRESH, destination.upperThreshold())
                .attrU32(IPVS_DEST_ATTR_L_THRESH, destination.lowerThreshold())
                .endNest();
    }

    private static NetlinkRequest putService(NetlinkRequest r, IpvsService s) {
        r.beginNest(IPVS_CMD_ATTR_SERVICE | RtAttr.F_NESTED);
        putKey(r, s.key(), NF_INET_ADDR);
        r.attrString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        s.persistenceEngine().ifPresent(pe -> r.attrString(IPVS_SVC_ATTR_PE_NAME, pe));
        r.attr(IPVS_SVC_ATTR_FLAGS, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(s.flags().flags()).putInt(s.flags().mask()).array());
        r.attrU32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
        if (s.key().family() == AddressFamily.AF_INET6) {
            r.attrU32(IPVS_SVC_ATTR_NETMASK, s.netmask()); // a prefix length, read raw as an integer
        } else {
            r.attrBe32(IPVS_SVC_ATTR_NETMASK, s.netmask()); // a mask, used as __be32
        }
        return r.endNest();
    }

    /** {@code addressLength} 16: as a union nf_inet_addr; 0: the address's own length. */
    private static void putKey(NetlinkRequest r, IpvsServiceKey key, int addressLength) {
        r.attrU16(IPVS_SVC_ATTR_AF, key.family());
        switch (key) {
            case IpvsServiceKey.Fwmark f -> r.attrU32(IPVS_SVC_ATTR_FWMARK, f.mark());
            case IpvsServiceKey.Endpoint e -> r
                    .attrU16(IPVS_SVC_ATTR_PROTOCOL, e.protocol().number())
                    .attr(IPVS_SVC_ATTR_ADDR, address(e.address(), addressLength))
                    .attrBe16(IPVS_SVC_ATTR_PORT, e.port());
        }
    }

    private static byte[] address(InetAddress address, int length) {
        byte[] raw = address.getAddress();
        return length == 0 ? raw : Arrays.copyOf(raw, length);
    }
}
