package io.keepalived4j.daemon;

import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.MacAddress;
import io.keepalived4j.os.netlink.MacvlanMode;
import io.keepalived4j.os.netlink.MacvlanSpec;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.RtNetlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's {@code use_vmac}: a macvlan on the instance's interface with the RFC 5798 virtual
 * MAC 00-00-5E-00-01-{VRID} (00-00-5E-00-02-{VRID} for IPv6), named vrrp.VRID unless the
 * configuration names it, where the VIPs live and the adverts and gratuitous ARPs leave from, so
 * the network sees the same MAC whoever is master. keepalived's sysctls (vrrp_if_config.c): on the
 * VMAC arp_ignore 1, accept_local 1, rp_filter 0; on its parent arp_ignore 1, arp_filter 1.
 */
final class Vmac implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final RtNetlink netlink;
    private final String name;

    private Vmac(RtNetlink netlink, String name) {
        this.netlink = netlink;
        this.name = name;
    }

    /** The VMAC's name: {@code use_vmac NAME}, else vrrp.VRID. */
    static String nameOf(VrrpInstance vi) {
        List<String> args = vi.settings().getOrDefault("use_vmac", List.of());
        return args.isEmpty() || args.getFirst().contains(":") ? "vrrp." + vi.virtualRouterId() : args.getFirst();
    }

    /** Creates the VMAC (replacing one a crashed run left), up, with keepalived's sysctls. */
    static Vmac create(RtNetlink netlink, VrrpInstance vi, String baseInterface, boolean ipv6) throws IOException {
        String name = nameOf(vi);
        Link base = netlink.link(baseInterface).orElseThrow(() -> new IOException("(" + vi.name()
                + ") use_vmac: no interface " + baseInterface));
        Optional<Link> old = netlink.link(name);
        if (old.isPresent()) {
            LOG.info("({}) removing stale VMAC {}", vi.name(), name);
            netlink.deleteLink(old.get().index());
        }
        netlink.createMacvlan(new MacvlanSpec(name, base.index(), MacAddress.vrrp(vi.virtualRouterId(), ipv6),
                MacvlanMode.PRIVATE));
        Vmac vmac = new Vmac(netlink, name);
        sysctl(name, "arp_ignore", "1");
        sysctl(name, "accept_local", "1");
        sysctl(name, "rp_filter", "0");
        sysctl(baseInterface, "arp_ignore", "1");
        sysctl(baseInterface, "arp_filter", "1");
        LOG.info("({}) VMAC {} created on {}", vi.name(), name, baseInterface);
        return vmac;
    }

    String name() {
        return name;
    }

    /**
     * The instance as it runs on its VMAC: VIPs without a device, or on the base interface, move to
     * the VMAC (keepalived does the same); VIPs on other interfaces stay where they are.
     */
    static VrrpInstance onVmac(VrrpInstance vi, String baseInterface, String vmac) {
        List<VirtualAddress> moved = vi.virtualAddresses().stream()
                .map(a -> a.device().isEmpty() || a.device().equals(baseInterface)
                        ? new VirtualAddress(a.address(), a.prefixLength(), vmac, a.scope(), a.broadcast(), a.label(),
                        a.options(), a.position())
                        : a)
                .toList();
        return vi.withInterfaceAndVips(vmac, moved);
    }

    private static void sysctl(String iface, String key, String value) {
        Path p = Path.of("/proc/sys/net/ipv4/conf", iface, key);
        try {
            Files.writeString(p, value);
        } catch (IOException e) {
            LOG.warn("use_vmac: cannot set {} = {}: {}", p, value, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            netlink.deleteLink(name);
        } catch (NetlinkException e) {
            if (!e.notFound()) {
                LOG.warn("use_vmac: cannot remove {}: {}", name, e.getMessage());
            }
        }
    }
}
