package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which virtual servers a full proxy can serve and on which sockets: TCP and UDP services on an
 * address and port, or a group of such. Firewall marks (and groups of them) classify packets in
 * the kernel, SCTP has no proxy here, a port-0 service means "every port": all IPVS-only.
 */
final class ProxyScope {

    private ProxyScope() {
    }

    /** Why the proxy cannot run {@code vs}, if it cannot. */
    static Optional<String> refusal(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        if (vs.key() instanceof ServiceKey.Fwmark) {
            return Optional.of("fwmark virtual servers need the kernel's IPVS; the userspace proxy cannot run them");
        }
        Optional<Protocol> p = vs.protocol();
        if (p.isEmpty() || (p.get() != Protocol.TCP && p.get() != Protocol.UDP)) {
            return Optional.of("protocol " + p.map(Protocol::name).orElse("(none)")
                    + " needs the kernel's IPVS; the userspace proxy runs TCP and UDP");
        }
        if (vs.key() instanceof ServiceKey.Address a && a.port() == 0) {
            return Optional.of("a virtual server without a port (all ports) needs the kernel's IPVS");
        }
        if (vs.key() instanceof ServiceKey.Group g) {
            VirtualServerGroup group = groups.get(g.name());
            if (group == null) {
                return Optional.of("virtual_server_group " + g.name() + " is not defined");
            }
            if (group.addressRanges().isEmpty()) {
                return Optional.of("virtual_server_group " + g.name()
                        + " has only fwmark entries, which need the kernel's IPVS");
            }
            long n = 0;
            for (VirtualServerGroup.AddressRange r : group.addressRanges()) {
                if (r.port() == 0) {
                    return Optional.of("virtual_server_group " + g.name() + " entry " + r.describe()
                            + " has no port (all ports), which needs the kernel's IPVS");
                }
                n += r.size();
            }
            if (n > ProxyDataPlane.MAX_GROUP_ADDRESSES) {
                return Optional.of("virtual_server_group " + g.name() + " spans " + n
                        + " addresses; the proxy listens on at most " + ProxyDataPlane.MAX_GROUP_ADDRESSES);
            }
        }
        return Optional.empty();
    }

    /** The sockets to listen on (after {@link #refusal} found none). */
    static List<InetSocketAddress> listenAddresses(VirtualServer vs, Map<String, VirtualServerGroup> groups) {
        List<InetSocketAddress> out = new ArrayList<>();
        switch (vs.key()) {
            case ServiceKey.Address a -> out.add(new InetSocketAddress(a.address(), a.port()));
            case ServiceKey.Group g -> {
                for (VirtualServerGroup.AddressRange r : groups.get(g.name()).addressRanges()) {
                    for (InetAddress a : r.addresses(ProxyDataPlane.MAX_GROUP_ADDRESSES)) {
                        out.add(new InetSocketAddress(a, r.port()));
                    }
                }
            }
            case ServiceKey.Fwmark f -> {
            }
        }
        return out;
    }
}
