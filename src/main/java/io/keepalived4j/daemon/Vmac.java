package io.keepalived4j.daemon;

import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.MacAddress;
import io.keepalived4j.os.netlink.MacvlanMode;
import io.keepalived4j.os.netlink.MacvlanSpec;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetworkStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's {@code use_vmac}: a macvlan on the instance's interface with the RFC 5798 virtual
 * MAC 00-00-5E-00-01-{VRID} (00-00-5E-00-02-{VRID} for IPv6), named vrrp.VRID unless the
 * configuration names it, where the VIPs live and the adverts and gratuitous ARPs leave from, so
 * the network sees the same MAC whoever is master. keepalived's sysctls (vrrp_if_config.c): on the
 * VMAC arp_ignore 1, accept_local 1, rp_filter 0; on its parent arp_ignore 1, arp_filter 1.
 *
 * <p>Only our own macvlan is ever deleted. An interface that already has the name is replaced
 * only when it is this instance's VMAC (a macvlan on the same parent with the same MAC, left by a
 * crashed run); anything else keeps its name and the VMAC takes keepalived's next one (vrrp1.VRID,
 * vrrp2.VRID, ...), as 2.2.7 does (vrrp.c create_vmac_name). At stop the VMAC is deleted by the
 * ifindex we created, and only if that index still is our macvlan.
 */
final class Vmac implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final int NAME_ATTEMPTS = 10;

    private final NetworkStack netlink;
    private final String instance;
    private final Link created;
    private final boolean adopted;

    private Vmac(NetworkStack netlink, String instance, Link created, boolean adopted) {
        this.netlink = netlink;
        this.instance = instance;
        this.created = created;
        this.adopted = adopted;
    }

    /** The configured VMAC name ({@code use_vmac NAME}), if any. */
    static Optional<String> configuredName(VrrpInstance vi) {
        List<String> args = vi.settings().getOrDefault("use_vmac", List.of());
        return args.isEmpty() || args.getFirst().contains(":") ? Optional.empty() : Optional.of(args.getFirst());
    }

    /** Creates the VMAC (replacing one a crashed run left), up, with keepalived's sysctls. */
    static Vmac create(NetworkStack netlink, HostOs os, VrrpInstance vi, String baseInterface, boolean ipv6)
            throws IOException {
        return create(netlink, os, vi, baseInterface, ipv6, false);
    }

    /**
     * As {@link #create}; with {@code adopt} (a reload's successor of a running instance) this
     * instance's VMAC already there is taken over as it is, with its VIPs, instead of replaced.
     */
    static Vmac create(NetworkStack netlink, HostOs os, VrrpInstance vi, String baseInterface, boolean ipv6,
                       boolean adopt) throws IOException {
        Link base = netlink.link(baseInterface).orElseThrow(() -> new IOException("(" + vi.name()
                + ") use_vmac: no interface " + baseInterface));
        MacAddress mac = MacAddress.vrrp(vi.virtualRouterId(), ipv6);
        String name = chooseName(netlink, vi, base, mac);
        Optional<Link> old = netlink.link(name);
        if (adopt && old.isPresent() && isOurs(old.get(), base, mac)) {
            return new Vmac(netlink, vi.name(), old.get(), true);
        }
        if (old.isPresent()) {
            LOG.info("({}) removing stale VMAC {}", vi.name(), name);
            netlink.deleteLink(old.get().index());
        }
        Link link = netlink.createMacvlan(new MacvlanSpec(name, base.index(), mac, MacvlanMode.PRIVATE));
        Vmac vmac = new Vmac(netlink, vi.name(), link, false);
        sysctl(os, name, "arp_ignore", "1");
        sysctl(os, name, "accept_local", "1");
        sysctl(os, name, "rp_filter", "0");
        sysctl(os, baseInterface, "arp_ignore", "1");
        sysctl(os, baseInterface, "arp_filter", "1");
        LOG.info("({}) VMAC {} created on {}", vi.name(), name, baseInterface);
        return vmac;
    }

    /** The first name that is free or is this instance's own stale VMAC. */
    private static String chooseName(NetworkStack netlink, VrrpInstance vi, Link base, MacAddress mac)
            throws IOException {
        Optional<String> configured = configuredName(vi);
        if (configured.isPresent()) {
            Optional<Link> existing = netlink.link(configured.get());
            if (existing.isEmpty() || isOurs(existing.get(), base, mac)) {
                return configured.get();
            }
            LOG.warn("({}) interface {} already exists and is not a private macvlan; ignoring vmac if_name",
                    vi.name(), configured.get());
        }
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            String name = (i == 0 ? "vrrp" : "vrrp" + i) + "." + vi.virtualRouterId();
            Optional<Link> existing = netlink.link(name);
            if (existing.isEmpty() || isOurs(existing.get(), base, mac)) {
                return name;
            }
            LOG.info("({}) {} exists and is not this instance's VMAC: leaving it alone", vi.name(), name);
        }
        throw new IOException("(" + vi.name() + ") use_vmac: no free VMAC name after " + NAME_ATTEMPTS + " attempts");
    }

    /** This instance's VMAC: a macvlan on {@code base} carrying the instance's virtual MAC. */
    static boolean isOurs(Link link, Link base, MacAddress mac) {
        return link.kind().filter("macvlan"::equals).isPresent() && link.linkIndex() == base.index()
                && link.mac().filter(mac::equals).isPresent();
    }

    String name() {
        return created.name();
    }

    /** Whether this VMAC was taken over from the running generation rather than created. */
    boolean adopted() {
        return adopted;
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

    private static void sysctl(HostOs os, String iface, String key, String value) {
        String path = "net/ipv4/conf/" + iface + "/" + key;
        try {
            os.sysctl(path, value);
        } catch (IOException | RuntimeException e) {
            LOG.warn("use_vmac: cannot set {} = {}: {}", path, value, e.getMessage());
        }
    }

    /** Deletes the VMAC we created, if the interface with its index still is that macvlan. */
    @Override
    public void close() {
        try {
            Optional<Link> now = netlink.link(created.index());
            if (now.isEmpty()) {
                return;
            }
            if (!now.get().name().equals(created.name()) || !now.get().kind().equals(created.kind())
                    || !now.get().mac().equals(created.mac())) {
                LOG.warn("({}) interface {} is no longer the VMAC we created: leaving it alone", instance,
                        now.get().name());
                return;
            }
            netlink.deleteLink(created.index());
        } catch (NetlinkException e) {
            if (!e.notFound()) {
                LOG.warn("use_vmac: cannot remove {}: {}", created.name(), e.getMessage());
            }
        }
    }
}
