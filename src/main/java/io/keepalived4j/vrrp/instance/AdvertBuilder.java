package io.keepalived4j.vrrp.instance;

import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.vrrp.codec.VrrpEncoder;
import io.keepalived4j.vrrp.codec.VrrpPacket;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The advertisements one configured instance sends: its VIPs, version, interval and v2
 * authentication, encoded for one destination at a given priority (the v3 checksum covers the
 * pseudo-header, whose destination differs per unicast peer).
 *
 * <pre>{@code
 * AdvertBuilder adverts = new AdvertBuilder(instance, false);
 * byte[] msg = adverts.message(100, mySource, VrrpSocketGroup);
 * }</pre>
 */
public final class AdvertBuilder {

    private final VrrpPacket template;
    private final boolean v3ChecksumAsV2;

    public AdvertBuilder(VrrpInstance instance, boolean v3ChecksumAsV2) {
        this.v3ChecksumAsV2 = v3ChecksumAsV2;
        List<InetAddress> addresses = advertised(instance);
        if (instance.version() == 3) {
            template = VrrpPacket.v3(instance.virtualRouterId(), 0,
                    (int) Math.round(instance.advertIntervalSeconds() * 100), addresses);
        } else {
            int authType = switch (instance.authType()) {
                case PASS -> VrrpPacket.AUTH_PASS;
                case AH -> VrrpPacket.AUTH_AH;
                default -> VrrpPacket.AUTH_NONE;
            };
            byte[] password = instance.authType() == AuthType.PASS
                    ? instance.authPass().getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
            template = VrrpPacket.v2(instance.virtualRouterId(), 0, authType,
                    (int) Math.round(instance.advertIntervalSeconds()), addresses, password);
        }
    }

    /** The addresses an advert lists: virtual_ipaddress (not the excluded ones), in configured order. */
    public static List<InetAddress> advertised(VrrpInstance instance) {
        return instance.virtualAddresses().stream().map(VirtualAddress::address).toList();
    }

    /** What every advert carries but the priority and checksum. */
    public VrrpPacket template() {
        return template;
    }

    /** The VRRP message bytes (the kernel adds the IP header). */
    public byte[] message(int priority, InetAddress source, InetAddress destination) {
        return VrrpEncoder.encode(template.withPriority(priority), source, destination, v3ChecksumAsV2);
    }
}
