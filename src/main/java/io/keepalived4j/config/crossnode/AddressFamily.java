package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The family of a VRRP instance. keepalived takes it from the VIPs (a single family per instance),
 * then from the source address or peers; IPv4 and IPv6 instances with the same VRID are separate
 * virtual routers (RFC 5798 section 5.2.3: the VRID is scoped by family).
 */
enum AddressFamily {
    IPV4("IPv4"),
    IPV6("IPv6");

    private final String label;

    AddressFamily(String label) {
        this.label = label;
    }

    static AddressFamily of(VrrpInstance instance) {
        for (VirtualAddress vip : instance.virtualAddresses()) {
            return of(vip.address());
        }
        if (instance.mcastSourceIp() != null) {
            return of(instance.mcastSourceIp());
        }
        for (UnicastPeer peer : instance.unicastPeers()) {
            return of(peer.address());
        }
        return IPV4;
    }

    static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }

    @Override
    public String toString() {
        return label;
    }
}
