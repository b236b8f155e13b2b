package io.keepalived4j.daemon;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.VrrpSocketOptions;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What one configured instance needs from the host, resolved once at start: its interface and
 * family, the source address of its adverts (mcast_src_ip / unicast_src_ip, else the interface's
 * primary IPv4 or link-local IPv6 address, which the v3 checksum covers), and where adverts go.
 *
 * @param index         the instance's position in the configuration (its index in the VRRP host)
 * @param instance      the configured instance
 * @param interfaceName its interface
 * @param ipv6          whether it runs VRRP over IPv6 (its VIPs are IPv6)
 * @param source        advert source
 * @param explicitSource whether the configuration chose the source (then it gets its own send socket)
 * @param group         the multicast group (used unless unicast)
 * @param destinations  the group, or every unicast peer
 */
record InstancePlan(int index, VrrpInstance instance, String interfaceName, boolean ipv6, InetAddress source,
                    boolean explicitSource, InetAddress group, List<InetAddress> destinations) {

    static InstancePlan of(int index, VrrpInstance vi, GlobalDefs global, HostOs os) throws IOException {
        String iface = vi.interfaceName().isEmpty() ? global.defaultInterface() : vi.interfaceName();
        boolean ipv6 = family6(vi);
        InetAddress source = vi.mcastSourceIp();
        boolean explicit = source != null;
        if (source == null) {
            source = ipv6 ? os.ipv6LinkLocal(iface).orElseThrow(() -> missing(vi, iface, "IPv6 link-local"))
                    : os.primaryIpv4(iface).orElseThrow(() -> missing(vi, iface, "IPv4"));
        }
        InetAddress group = ipv6 ? global.mcastGroup6() : global.mcastGroup4();
        List<InetAddress> destinations = new ArrayList<>();
        if (vi.isUnicast()) {
            vi.unicastPeers().stream().map(UnicastPeer::address).forEach(destinations::add);
        } else {
            destinations.add(group);
        }
        return new InstancePlan(index, vi, iface, ipv6, source, explicit, group, List.copyOf(destinations));
    }

    /** keepalived: the family of the first VIP (or of the unicast source / peers when there is none). */
    private static boolean family6(VrrpInstance vi) {
        if (!vi.virtualAddresses().isEmpty()) {
            return vi.virtualAddresses().getFirst().address() instanceof Inet6Address;
        }
        if (vi.mcastSourceIp() != null) {
            return vi.mcastSourceIp() instanceof Inet6Address;
        }
        return !vi.unicastPeers().isEmpty() && vi.unicastPeers().getFirst().address() instanceof Inet6Address;
    }

    private static NativeException missing(VrrpInstance vi, String iface, String what) {
        return NativeException.of("(" + vi.name() + ") interface " + iface, 99,
                "it has no " + what + " address to send adverts from: add one or set mcast_src_ip/unicast_src_ip");
    }

    /** A socket on {@code device} for this instance's family and group, joining it when {@code join}. */
    VrrpSocketOptions receiveOptions(String device, boolean join) {
        VrrpSocketOptions o = (ipv6 ? VrrpSocketOptions.ipv6(device) : VrrpSocketOptions.ipv4(device)).withGroup(group);
        return join ? o : o.withoutGroupJoin();
    }

    /** A send socket on {@code device} (the interface, or its VMAC) bound to the advert source. */
    VrrpSocketOptions sendOptions(String device, int unicastTtl) {
        VrrpSocketOptions base = ipv6 ? VrrpSocketOptions.ipv6(device) : VrrpSocketOptions.ipv4(device);
        return base.withGroup(group).withSource(source).withUnicastTtl(unicastTtl).withoutGroupJoin();
    }
}
