package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.InterfaceIndex;
import io.keepalived4j.daemon.net.VipSet;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.vrrp.engine.Action;
import io.keepalived4j.vrrp.engine.TimerKind;
import io.keepalived4j.vrrp.instance.AdvertBuilder;
import io.keepalived4j.vrrp.instance.AdvertFilter;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Builds what one instance needs on the host: its VMAC (use_vmac), its send socket, its VIP set,
 * its gratuitous ARP / NA senders (shared per interface), its advert filter and the IO that
 * performs its actions. Every resource it opens goes to the daemon's owner list.
 */
final class InstanceWiring {

    /** Registers a resource with its single owner, the daemon, which closes it at stop. */
    interface Owner {
        <T extends AutoCloseable> T own(T resource);
    }

    /**
     * One wired instance: its IO, its route for received adverts, the interface it listens on,
     * and its IPv4 VIPs by interface (for the ARP conflict watch).
     */
    record Wired(InstanceIo io, AdvertRouter.Route route, String receiveInterface,
                 Map<String, List<InetAddress>> vipsByInterface) {
    }

    private final KeepalivedConfig config;
    private final HostOs os;
    private final NetworkStack netlink;
    private final Owner owner;
    private final ExecutorService announceThread;
    private final Map<String, HostOs.Announcer> arp = new HashMap<>();
    private final Map<String, HostOs.Announcer> na = new HashMap<>();
    /** Send sockets shared by the instances that send alike (keepalived's sockpool). */
    private final Map<VrrpSocketOptions, HostOs.VrrpChannel> sendSockets = new HashMap<>();

    InstanceWiring(KeepalivedConfig config, HostOs os, NetworkStack netlink, Owner owner, ExecutorService announceThread) {
        this.config = config;
        this.os = os;
        this.netlink = netlink;
        this.owner = owner;
        this.announceThread = announceThread;
    }

    /**
     * Wires one instance. With {@code predecessor}, the running instance a reload's successor goes on from (null for a
     * new one): its counters go on, and its VMAC is taken over as it is.
     */
    Wired wire(InstancePlan p, InstanceIo.Events events, InstanceIo predecessor) throws IOException {
        VrrpInstance vi = p.instance();
        // use_vmac: VIPs, adverts and gratuitous ARPs on the VMAC. Adverts from a peer's VMAC carry
        // our VMAC's MAC too: macvlan hands them to our VMAC only (as a loop-back), so we listen there.
        String vipInterface = p.interfaceName();
        VrrpInstance onHost = vi;
        if (vi.useVmac()) {
            vipInterface = owner.own(Vmac.create(netlink, os, vi, p.interfaceName(), p.ipv6(), predecessor != null)).name();
            onHost = Vmac.onVmac(vi, p.interfaceName(), vipInterface);
        }
        boolean v3AsV2 = vi.flag("v3_checksum_as_v2", config.global().v3ChecksumAsV2());
        AdvertBuilder adverts = new AdvertBuilder(vi, v3AsV2);
        InstanceIo io = new InstanceIo(vi.name(), adverts, p.source(), p.destinations(), sink(p, vipInterface),
                InstanceIo.Vips.of(onHost, VipSet.of(onHost, netlink, InterfaceIndex.live(netlink))),
                announcer(vi, onHost.virtualAddresses(), vipInterface), events,
                predecessor == null ? new InstanceStats() : predecessor.stats());
        AdvertFilter filter = new AdvertFilter(vi, adverts.template(), v3AsV2,
                vi.flag("check_unicast_src", config.global().checkUnicastSrc()));
        // A first takeover must not pay for class loading and interpretation of the master path:
        // encode and check one advert now.
        byte[] warm = adverts.message(vi.priority(), p.source(), p.destinations().getFirst());
        filter.check(warm, p.source(), p.destinations().getFirst(), 255);
        // And the first action of the loop (a state change) must not pay for bootstrapping the type
        // switch that dispatches actions: a no-op action does it here.
        io.perform(new Action.CancelTimer(TimerKind.MASTER_DOWN));
        Map<String, List<InetAddress>> byInterface = new java.util.LinkedHashMap<>();
        for (VirtualAddress a : onHost.virtualAddresses()) {
            if (!a.isIpv6()) {
                byInterface.computeIfAbsent(a.device().isEmpty() ? vipInterface : a.device(), k -> new ArrayList<>())
                        .add(a.address());
            }
        }
        return new Wired(io, AdvertRouter.Route.of(p.index(), vi.virtualRouterId(), p.ipv6(), vipInterface, filter, io),
                vipInterface, byInterface);
    }

    private GratuitousAnnouncer announcer(VrrpInstance vi, List<VirtualAddress> vips, String vipInterface)
            throws IOException {
        List<GratuitousAnnouncer.Target> targets = new ArrayList<>();
        for (VirtualAddress vip : vips) {
            String dev = vip.device().isEmpty() ? vipInterface : vip.device();
            targets.add(new GratuitousAnnouncer.Target(vip.address(), dev));
            Map<String, HostOs.Announcer> senders = vip.isIpv6() ? na : arp;
            if (!senders.containsKey(dev)) {
                senders.put(dev, owner.own(os.openAnnouncer(dev, vip.isIpv6())));
            }
        }
        var garp = vi.garp();
        return new GratuitousAnnouncer(vi.name(), targets, arp, na, announceThread,
                Math.round(garp.intervalSeconds() * 1e6), Math.round(garp.gnaIntervalSeconds() * 1e6));
    }

    /**
     * Instances send on send-only sockets, which never join the group (the shared receive socket
     * does) and drop everything they would receive: bound to mcast_src_ip / unicast_src_ip when
     * configured (or, on a VMAC, which has no address of its own, to the parent's), with unicast_ttl
     * for unicast. Instances whose options are the same share one, as keepalived's sockpool does:
     * every raw IPPROTO_VRRP socket on the host sees (and filters) every VRRP packet the host
     * receives, so a socket per instance made a 1,000-instance BACKUP filter each advert 1,000 times.
     * Sends all come from the VRRP loop (or the stop path when the loop is gone), one at a time.
     */
    private InstanceIo.AdvertSink sink(InstancePlan p, String sendInterface) throws IOException {
        int ttl = unicastTtl(p.instance());
        VrrpSocketOptions o = p.explicitSource() || !sendInterface.equals(p.interfaceName())
                ? p.sendOptions(sendInterface, ttl)
                : p.receiveOptions(p.interfaceName(), false).withUnicastTtl(ttl);
        HostOs.VrrpChannel s = sendSockets.get(o);
        if (s == null) {
            s = owner.own(os.openVrrp(o, true));
            sendSockets.put(o, s);
        }
        return s::send;
    }

    private static int unicastTtl(VrrpInstance vi) {
        List<String> v = vi.settings().get("unicast_ttl");
        try {
            return v == null || v.isEmpty() ? 255 : Math.max(1, Math.min(255, Integer.parseInt(v.getFirst())));
        } catch (NumberFormatException e) {
            return 255;
        }
    }
}
