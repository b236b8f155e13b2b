package io.keepalived4j.os.netlink;

import java.net.InetAddress;

/**
 * What identifies a virtual service to the kernel: a protocol, address and port, or a firewall
 * mark of one address family ({@code ip_vs_genl_parse_service} looks services up by exactly
 * these). Every IPVS command on a service or its destinations carries it.
 */
public sealed interface IpvsServiceKey {

    /** {@link AddressFamily#AF_INET} or {@link AddressFamily#AF_INET6} (IPVS_SVC_ATTR_AF). */
    int family();

    /** {@code ipvsadm -t|-u|--sctp-service ADDRESS:PORT}. Port 0 is the kernel's catch-all port. */
    record Endpoint(IpvsProtocol protocol, InetAddress address, int port) implements IpvsServiceKey {
        public Endpoint {
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public int family() {
            return AddressFamily.of(address);
        }
    }

    /** {@code ipvsadm -f MARK [-6]}: packets the firewall marked, of one address family. */
    record Fwmark(int family, int mark) implements IpvsServiceKey {
        public Fwmark {
            if (family != AddressFamily.AF_INET && family != AddressFamily.AF_INET6) {
                throw new IllegalArgumentException("fwmark services are AF_INET or AF_INET6, not " + family);
            }
            if (mark == 0) {
                throw new IllegalArgumentException("fwmark 0 means no mark");
            }
        }
    }

    static IpvsServiceKey of(IpvsProtocol protocol, InetAddress address, int port) {
        return new Endpoint(protocol, address, port);
    }

    static IpvsServiceKey fwmark(int family, int mark) {
        return new Fwmark(family, mark);
    }
}
