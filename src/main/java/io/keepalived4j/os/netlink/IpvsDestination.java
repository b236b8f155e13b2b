package io.keepalived4j.os.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A real server of a service as IPVS_CMD_NEW_DEST/SET_DEST carry it: address and port,
 * forwarding method, weight (0 quiesces it: no new connections, as keepalived's
 * {@code inhibit_on_failure}), connection thresholds (0: none) and, for TUNNEL only, the
 * encapsulation. Its address family may differ from the service's only for TUNNEL (the kernel's
 * rule for mixed pools).
 *
 * <pre>{@code
 * IpvsDestination rs = IpvsDestination.of(InetAddress.ofLiteral("10.231.2.21"), 80, IpvsForwarding.ROUTE, 1);
 * }</pre>
 */
public record IpvsDestination(InetAddress address, int port, IpvsForwarding forwarding, int weight,
                              int upperThreshold, int lowerThreshold, Optional<IpvsTunnel> tunnel) {

    public IpvsDestination {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        if (forwarding == IpvsForwarding.TUNNEL && tunnel.isEmpty()) {
            tunnel = Optional.of(IpvsTunnel.IPIP);
        }
        if (forwarding != IpvsForwarding.TUNNEL && tunnel.isPresent()) {
            throw new IllegalArgumentException("a tunnel type needs forwarding TUNNEL, not " + forwarding);
        }
    }

    /** No thresholds; TUNNEL destinations get IPIP. */
    public static IpvsDestination of(InetAddress address, int port, IpvsForwarding forwarding, int weight) {
        return new IpvsDestination(address, port, forwarding, weight, 0, 0, Optional.empty());
    }

    public int family() {
        return AddressFamily.of(address);
    }

    public IpvsDestination withWeight(int newWeight) {
        return new IpvsDestination(address, port, forwarding, newWeight, upperThreshold, lowerThreshold, tunnel);
    }

    /** keepalived's {@code uthreshold}/{@code lthreshold}. */
    public IpvsDestination withThresholds(int upper, int lower) {
        return new IpvsDestination(address, port, forwarding, weight, upper, lower, tunnel);
    }

    public IpvsDestination withTunnel(IpvsTunnel newTunnel) {
        return new IpvsDestination(address, port, IpvsForwarding.TUNNEL, weight, upperThreshold, lowerThreshold,
                Optional.of(newTunnel));
    }
}
