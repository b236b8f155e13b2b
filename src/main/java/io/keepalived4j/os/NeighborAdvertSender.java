package io.keepalived4j.os;

import java.io.IOException;
import java.net.Inet6Address;

/**
 * Sends keepalived's unsolicited neighbour advertisements ({@link NeighborAdvertFrames}) on one
 * interface, the IPv6 counterpart of {@link GratuitousArpSender}.
 *
 * <p>Like keepalived 2.2.7 (vrrp_ndisc.c) it writes the whole frame to an AF_PACKET socket rather
 * than using an ICMPv6 raw socket: the IPv6 source must be the VIP, which the kernel would only
 * accept once the VIP has passed DAD, and the frame then matches keepalived's byte for byte
 * (flow label 0, hop limit 255).
 */
public final class NeighborAdvertSender implements AutoCloseable {

    private final PacketSocket socket;
    private final byte[] interfaceMac;
    private final boolean router;

    private NeighborAdvertSender(PacketSocket socket, byte[] interfaceMac, boolean router) {
        this.socket = socket;
        this.interfaceMac = interfaceMac;
        this.router = router;
    }

    /**
     * Opens a sender on {@code interfaceName}; the Router flag is set when IPv6 forwarding is on
     * for it at this moment, as keepalived decides.
     */
    public static NeighborAdvertSender open(String interfaceName) throws IOException {
        byte[] mac = NetworkInterfaces.mac(interfaceName);
        boolean router = NetworkInterfaces.ipv6Forwarding(interfaceName);
        return new NeighborAdvertSender(new PacketSocket(interfaceName), mac, router);
    }

    /** One unsolicited NA for {@code vip} from the interface's MAC. */
    public void send(Inet6Address vip) throws IOException {
        send(vip, interfaceMac);
    }

    /** One unsolicited NA for {@code vip} from {@code sourceMac} (the VMAC with {@code use_vmac}). */
    public void send(Inet6Address vip, byte[] sourceMac) throws IOException {
        socket.send(NeighborAdvertFrames.unsolicited(sourceMac, vip, router), NeighborAdvertFrames.ETH_P_IPV6);
    }

    /** The frame {@link #send(Inet6Address)} writes for {@code vip}. */
    public byte[] frame(Inet6Address vip) {
        return NeighborAdvertFrames.unsolicited(interfaceMac, vip, router);
    }

    /** Whether the Router flag is set. */
    public boolean router() {
        return router;
    }

    @Override
    public void close() {
        socket.close();
    }
}
