package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An IPVS table: services by their kernel key, each with its destinations by address and port.
 * What the kernel holds (read with a dump) or what the configuration and the checkers want.
 */
public record IpvsTable(Map<IpvsServiceKey, Entry> services) {

    /** One service and its destinations. */
    public record Entry(IpvsService service, Map<InetSocketAddress, IpvsDestination> destinations) {
        public Entry {
            destinations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
        }
    }

    public static final IpvsTable EMPTY = new IpvsTable(Map.of());

    public IpvsTable {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    static InetSocketAddress key(IpvsDestination d) {
        return new InetSocketAddress(d.address(), d.port());
    }
}
