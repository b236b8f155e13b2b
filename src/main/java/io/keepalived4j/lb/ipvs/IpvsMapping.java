package io.keepalived4j.lb.ipvs;

import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.SchedulerFlag;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.persist.Granularity;
import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsFlags;
import io.keepalived4j.os.netlink.IpvsForwarding;
import io.keepalived4j.os.netlink.IpvsProtocol;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.IpvsTunnel;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * keepalived's mapping of a {@code virtual_server} onto IPVS (check/ipvswrapper.c): one kernel
 * service per address and port (a {@code virtual_server_group} range is one service per address),
 * the scheduler and its flags, persistence (timeout, granularity as a netmask or an IPv6 prefix,
 * engine), and each real server as a destination with its forwarding method, tunnel, weight and
 * thresholds.
 */
public final class IpvsMapping {

    /** keepalived expands a group's range address by address; a /16 is as far as it goes here. */
    static final int MAX_GROUP_ADDRESSES = 65_536;

    private IpvsMapping() {
    }

    /** The kernel services of {@code vs} ({@code groups}: the configuration's virtual_server_groups). */
    public static List<IpvsService> services(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        List<IpvsService> out = new ArrayList<>();
        for (IpvsServiceKey key : keys(vs, groups)) {
            out.add(new IpvsService(key, vs.scheduler(), flags(vs), (int) vs.persistence().timeoutSeconds(),
                    netmask(vs, key.family()), vs.persistence().engine()));
        }
        return out;
    }

    static List<IpvsServiceKey> keys(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        IpvsProtocol protocol = vs.protocol().map(IpvsMapping::protocol).orElse(IpvsProtocol.TCP);
        List<IpvsServiceKey> out = new ArrayList<>();
        switch (vs.key()) {
            case ServiceKey.Address a -> out.add(new IpvsServiceKey.Endpoint(protocol, a.address(), a.port()));
            case ServiceKey.Fwmark f -> out.add(new IpvsServiceKey.Fwmark(family(vs.family()), (int) f.mark()));
            case ServiceKey.Group g -> {
                VirtualServerGroup group = groups.get(g.name());
                if (group == null) {
                    throw new IllegalArgumentException("virtual_server_group " + g.name() + " is not defined");
                }
                for (VirtualServerGroup.Entry e : group.entries()) {
                    switch (e) {
                        case VirtualServerGroup.AddressRange r -> {
                            for (InetAddress a : r.addresses(MAX_GROUP_ADDRESSES)) {
                                out.add(new IpvsServiceKey.Endpoint(protocol, a, r.port()));
                            }
                        }
                        case VirtualServerGroup.FwmarkEntry f ->
                                out.add(new IpvsServiceKey.Fwmark(family(f.family().or(vs::family)), (int) f.mark()));
                    }
                }
            }
        }
        return out;
    }

    private static IpvsProtocol protocol(Protocol p) {
        return switch (p) {
            case TCP -> IpvsProtocol.TCP;
            case UDP -> IpvsProtocol.UDP;
            case SCTP -> IpvsProtocol.SCTP;
        };
    }

    private static int family(Optional<IpFamily> f) {
        return f.filter(x -> x == IpFamily.INET6).isPresent() ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
    }

    /** IP_VS_SVC_F_*: persistent, hashed, one-packet (UDP), and the scheduler flags 1 to 3. */
    static IpvsFlags flags(VirtualServer vs) {
        int f = vs.persistence().persistent() ? IpvsFlags.PERSISTENT : 0;
        for (SchedulerFlag flag : vs.flags()) {
            f |= switch (flag) {
                case HASHED -> IpvsFlags.HASHED;
                case OPS -> vs.protocol().filter(p -> p == Protocol.UDP).isPresent() ? IpvsFlags.ONEPACKET : 0;
                case FLAG_1, SH_FALLBACK, MH_FALLBACK -> IpvsFlags.SCHED1;
                case FLAG_2, SH_PORT, MH_PORT -> IpvsFlags.SCHED2;
                case FLAG_3 -> IpvsFlags.SCHED3;
            };
        }
        return new IpvsFlags(f, 0xffffffff);
    }

    /** persistence_granularity: an IPv4 netmask, or an IPv6 prefix length; all ones / 128 by default. */
    static int netmask(VirtualServer vs, int family) {
        Granularity g = Granularity.of(vs.persistence(), vs.family());
        return family == AddressFamily.AF_INET6 ? g.ipv6PrefixLength() : g.ipv4Mask();
    }

    /**
     * {@code d} as a destination of the kernel service {@code key}: a fwmark service's destinations
     * have no port (IPVS forwards to the packet's own), so a real server of a virtual_server_group
     * that mixes address ranges and fwmarks keeps its port in the range services only, as keepalived
     * programs it ("port will be ignored").
     */
    public static IpvsDestination forService(IpvsServiceKey key, IpvsDestination d) {
        return key instanceof IpvsServiceKey.Fwmark && d.port() != 0
                ? new IpvsDestination(d.address(), 0, d.forwarding(), d.weight(), d.upperThreshold(), d.lowerThreshold(),
                        d.tunnel())
                : d;
    }

    /** A real server (or the sorry server) as a destination with {@code weight}. */
    public static IpvsDestination destination(VirtualServer vs, Destination d, long weight) {
        long upper = 0;
        long lower = 0;
        for (var rs : vs.realServers()) {
            if (rs.address().equals(d.address()) && rs.port() == d.port()) {
                upper = rs.upperThreshold().orElse(0);
                lower = rs.lowerThreshold().orElse(0);
            }
        }
        Forwarding f = d.forwarding();
        IpvsForwarding method = switch (f.method()) {
            case NAT -> IpvsForwarding.MASQ;
            case DR -> IpvsForwarding.ROUTE;
            case TUN -> IpvsForwarding.TUNNEL;
        };
        Optional<IpvsTunnel> tunnel = Optional.empty();
        if (f.method() == Forwarding.Method.TUN) {
            int csum = switch (f.checksum()) {
                case NOCSUM -> 0;
                case CSUM -> IpvsTunnel.FLAG_CSUM;
                case REMCSUM -> IpvsTunnel.FLAG_REMCSUM;
            };
            tunnel = Optional.of(switch (f.tunnelType()) {
                case IPIP -> IpvsTunnel.IPIP;
                case GUE -> IpvsTunnel.gue(f.tunnelPort(), csum);
                case GRE -> IpvsTunnel.gre(csum);
            });
        }
        return new IpvsDestination(d.address(), d.port(), method, (int) Math.min(weight, Integer.MAX_VALUE),
                (int) upper, (int) lower, tunnel);
    }
}
