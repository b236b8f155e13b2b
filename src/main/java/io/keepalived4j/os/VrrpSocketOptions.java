package io.keepalived4j.os;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a {@link RawVrrpSocket}: keepalived's per-instance socket settings.
 *
 * <pre>{@code
 * VrrpSocketOptions.ipv4("eth0").withSource(InetAddress.ofLiteral("10.0.0.2")).withUnicastTtl(64)
 * }</pre>
 *
 * @param interfaceName the instance's {@code interface}
 * @param ipv6          address family of the instance
 * @param group         {@code vrrp_mcast_group4} / {@code vrrp_mcast_group6} (224.0.0.18 / ff02::12)
 * @param source        {@code mcast_src_ip} / {@code unicast_src_ip}; empty lets the kernel choose
 *                      (the interface's primary IPv4 address / its link-local IPv6 address)
 * @param unicastTtl    {@code unicast_ttl}: TTL / hop limit of unicast adverts (multicast always 255)
 * @param joinGroup     whether to join {@code group} (false for unicast-only instances)
 */
public record VrrpSocketOptions(String interfaceName, boolean ipv6, InetAddress group, Optional<InetAddress> source,
                                int unicastTtl, boolean joinGroup) {

    /** RFC 5798 section 5.1.1.2 / 5.1.2.2. */
    public static final InetAddress VRRP_GROUP4 = InetAddress.ofLiteral("224.0.0.18");
    public static final InetAddress VRRP_GROUP6 = InetAddress.ofLiteral("ff02::12");

    public VrrpSocketOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(source, "source");
        if (interfaceName.isEmpty() || interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1..15 characters: " + interfaceName);
        }
        if (!group.isMulticastAddress() || (group instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException("not an IPv" + (ipv6 ? 6 : 4) + " multicast group: " + group);
        }
        if (source.isPresent() && (source.get() instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException("source of the wrong family: " + source.get());
        }
        if (unicastTtl < 1 || unicastTtl > 255) {
            throw new IllegalArgumentException("unicast TTL must be 1..255: " + unicastTtl);
        }
    }

    /** IPv4 on {@code interfaceName}, joining 224.0.0.18, kernel-chosen source, unicast TTL 255. */
    public static VrrpSocketOptions ipv4(String interfaceName) {
        return new VrrpSocketOptions(interfaceName, false, VRRP_GROUP4, Optional.empty(), 255, true);
    }

    /** IPv6 on {@code interfaceName}, joining ff02::12, link-local source, unicast hop limit 255. */
    public static VrrpSocketOptions ipv6(String interfaceName) {
        return new VrrpSocketOptions(interfaceName, true, VRRP_GROUP6, Optional.empty(), 255, true);
    }

    public VrrpSocketOptions withGroup(InetAddress newGroup) {
        return new VrrpSocketOptions(interfaceName, ipv6, newGroup, source, unicastTtl, joinGroup);
    }

    public VrrpSocketOptions withSource(InetAddress newSource) {
        return new VrrpSocketOptions(interfaceName, ipv6, group, Optional.of(newSource), unicastTtl, joinGroup);
    }

    public VrrpSocketOptions withUnicastTtl(int ttl) {
        return new VrrpSocketOptions(interfaceName, ipv6, group, source, ttl, joinGroup);
    }

    /** Do not join the group: the socket then only sees unicast (and groups others joined). */
    public VrrpSocketOptions withoutGroupJoin() {
        return new VrrpSocketOptions(interfaceName, ipv6, group, source, unicastTtl, false);
    }

    boolean matchesFamily(InetAddress a) {
        return ipv6 ? a instanceof Inet6Address : a instanceof Inet4Address;
    }
}
