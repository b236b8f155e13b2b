package io.keepalived4j.lb.persist;

import io.keepalived4j.config.model.InetAton;
import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.Persistence;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * {@code persistence_granularity}: which clients share one persistence template. IPVS masks the
 * client's address before it looks the template up (ip_vs_core.c {@code ip_vs_sched_persist()}:
 * {@code saddr & svc->netmask} for IPv4, {@code ipv6_addr_prefix(saddr, svc->netmask)} for IPv6),
 * so with {@code 255.255.255.0} every client of a /24 reaches the same real server.
 *
 * <pre>{@code
 * Granularity g = Granularity.parse("255.255.255.0", Optional.of(IpFamily.INET)).orElseThrow();
 * g.mask(InetAddress.ofLiteral("10.1.2.3"));   // 10.1.2.0
 * }</pre>
 *
 * A service has one family; the other family keeps the host default (/32, /128), so a client of
 * that family is never grouped with others.
 *
 * @param ipv4Mask         the IPv4 netmask as a 32-bit value (keepalived 2.2.7 accepts non-contiguous masks)
 * @param ipv6PrefixLength the IPv6 prefix length, 0..128
 */
public record Granularity(int ipv4Mask, int ipv6PrefixLength) {

    /** One client, one template: IPVS's default netmask (/32, /128). */
    public static final Granularity HOST = new Granularity(0xffffffff, 128);

    public Granularity {
        if (ipv6PrefixLength < 0 || ipv6PrefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length out of 0..128: " + ipv6PrefixLength);
        }
    }

    /**
     * The granularity {@code text} means for a service of {@code family}, read as keepalived's
     * config parser does: an IPv4 service takes an inet_aton() netmask, an IPv6 service a prefix
     * length 1..128; without a known family a '.' means IPv4. Empty when keepalived refuses it.
     */
    public static Optional<Granularity> parse(String text, Optional<IpFamily> family) {
        IpFamily af = family.orElse(text.contains(".") ? IpFamily.INET : IpFamily.INET6);
        if (af == IpFamily.INET) {
            return InetAton.parse(text).map(m -> new Granularity(toInt(m), 128));
        }
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int plen = Integer.parseInt(text);
        return plen >= 1 && plen <= 128 ? Optional.of(new Granularity(0xffffffff, plen)) : Optional.empty();
    }

    /**
     * The granularity of a configured service; {@link #HOST} without {@code persistence_granularity}.
     *
     * @throws IllegalArgumentException for a granularity keepalived's config check would have refused
     */
    public static Granularity of(Persistence persistence, Optional<IpFamily> family) {
        return persistence.granularity()
                .map(t -> parse(t, family).orElseThrow(() -> new IllegalArgumentException("invalid persistence_granularity " + t)))
                .orElse(HOST);
    }

    /** {@code client} with the bits outside the granularity cleared. */
    public InetAddress mask(InetAddress client) {
        byte[] b = client.getAddress();
        if (client instanceof Inet4Address) {
            if (ipv4Mask == 0xffffffff) {
                return client;
            }
            for (int i = 0; i < 4; i++) {
                b[i] &= (byte) (ipv4Mask >>> (24 - 8 * i));
            }
        } else {
            if (ipv6PrefixLength == 128) {
                return client;
            }
            for (int i = 0; i < 16; i++) {
                int keep = Math.clamp(ipv6PrefixLength - 8 * i, 0, 8);
                b[i] &= (byte) (0xff00 >>> keep);
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes", e);
        }
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
