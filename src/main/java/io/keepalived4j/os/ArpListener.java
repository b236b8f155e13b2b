package io.keepalived4j.os;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;

/**
 * Receives the ARP frames (whole Ethernet frames, EtherType 0x0806) arriving on one interface, so
 * a MASTER can notice another node answering for its VIP (the split-brain check keepalived lacks).
 *
 * <p>Only frames for this host are returned: to our MAC, broadcast or multicast. Skipped are frames
 * the kernel marks PACKET_OTHERHOST: unicast between two other hosts (seen only in promiscuous
 * mode) and, the reason for the rule, frames tagged for a VLAN that has no device here, which the
 * kernel untags and still hands to this socket: their ARP belongs to another broadcast domain and
 * would be a false split brain. Frames this host sends are not delivered at all (the kernel loops
 * outgoing frames back only to ETH_P_ALL taps, {@code dev_queue_xmit_nit}); should one arrive
 * (PACKET_OUTGOING) it is skipped too.
 *
 * <pre>{@code
 * try (ArpListener arp = ArpListener.open("eth0")) {
 *     arp.receive(Duration.ofSeconds(1)).ifPresent(p -> detector.observe(...));
 * }
 * }</pre>
 *
 * <p>Threads: one receiver at a time; {@link #close()} may be called from any thread, is idempotent
 * and wakes a blocked receiver (through an eventfd), which then returns empty.
 */
public final class ArpListener implements AutoCloseable {

    private final String interfaceName;
    private final int ifindex;
    private final ReceiveChannel channel;
    private final ReceiveChannel.Parser<FrameReceiver.Frame> parser;

    private ArpListener(String interfaceName, int ifindex, ReceiveChannel channel) {
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.channel = channel;
        this.parser = FrameReceiver.parser(ifindex);
    }

    /**
     * Opens the listener on {@code interfaceName} in the calling thread's namespace; needs CAP_NET_RAW.
     *
     * @throws NativeException e.g. EPERM without CAP_NET_RAW, ENODEV for an unknown interface
     */
    public static ArpListener open(String interfaceName) throws NativeException {
        return open(interfaceName, Optional.empty());
    }

    /**
     * The same, with a kernel filter attached before the socket is bound (so not one frame slips
     * past it): typically {@link SocketFilter#arpFrom}, only ARP that claims one of our VIPs.
     */
    public static ArpListener open(String interfaceName, Optional<SocketFilter> filter) throws NativeException {
        int ifindex = NetworkInterfaces.index(interfaceName);
        // Protocol 0 at socket(): the socket queues nothing until bind() names the EtherType and the
        // interface (packet(7)), so no frame of another interface slips in between the two calls.
        int fd = Sockets.open(Libc.AF_PACKET, Libc.SOCK_RAW, 0, "socket(AF_PACKET, SOCK_RAW, 0)");
        ReceiveChannel channel = ReceiveChannel.of(fd, "AF_PACKET socket", FrameReceiver.BUFFER, SockAddrs.LL_SIZE, 0);
        try {
            if (filter.isPresent()) {
                filter.get().attach(fd, "(ARP on " + interfaceName + ")");
            }
            bind(fd, ifindex, interfaceName);
            return new ArpListener(interfaceName, ifindex, channel);
        } catch (NativeException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for the next ARP frame from another host. Frames that are not
     * IPv4-over-Ethernet ARP ({@link ArpFrames#parse}) or not for this host are dropped and the wait
     * goes on. Empty after the timeout, and at once when the listener is or gets closed.
     */
    public Optional<ArpPacket> receive(Duration timeout) throws NativeException {
        return channel.receive(timeout.toNanos(),
                (m, n) -> parser.parse(m, n).filter(FrameReceiver.Frame::forUs).flatMap(f -> ArpFrames.parse(f.bytes())));
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int ifindex() {
        return ifindex;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Wakes a blocked receiver, waits for it to leave, then closes both descriptors. Idempotent. */
    @Override
    public void close() {
        channel.close();
    }

    private static void bind(int fd, int ifindex, String interfaceName) throws NativeException {
        Libc.check("bind(AF_PACKET, ETH_P_ARP, " + interfaceName + ")", (a, st) -> {
            MemorySegment ll = a.allocate(SockAddrs.LL_SIZE, 8);
            SockAddrs.writeLinkLayer(ll, ifindex, ArpFrames.ETH_P_ARP, new byte[0]);
            return (int) Libc.BIND.invokeExact(st, fd, ll, SockAddrs.LL_SIZE);
        });
    }
}
