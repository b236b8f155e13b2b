package io.keepalived4j.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

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
    private final int fd;
    private final int wakeFd;
    private final Arena arena = Arena.ofShared();
    private final FrameReceiver receiver;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ArpListener(String interfaceName, int ifindex, int fd, int wakeFd) {
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.receiver = new FrameReceiver(arena, fd, wakeFd, ifindex);
    }

    /**
     * Opens the listener on {@code interfaceName} in the calling thread's namespace; needs CAP_NET_RAW.
     *
     * @throws NativeException e.g. EPERM without CAP_NET_RAW, ENODEV for an unknown interface
     */
    public static ArpListener open(String interfaceName) throws NativeException {
        int ifindex = NetworkInterfaces.index(interfaceName);
        // Protocol 0 at socket(): the socket queues nothing until bind() names the EtherType and the
        // interface (packet(7)), so no frame of another interface slips in between the two calls.
        int fd = Sockets.open(Libc.AF_PACKET, Libc.SOCK_RAW, 0, "socket(AF_PACKET, SOCK_RAW, 0)");
        int wakeFd = -1;
        try {
            bind(fd, ifindex, interfaceName);
            wakeFd = Sockets.eventFd();
            return new ArpListener(interfaceName, ifindex, fd, wakeFd);
        } catch (NativeException | RuntimeException e) {
            Sockets.close(fd);
            if (wakeFd >= 0) {
                Sockets.close(wakeFd);
            }
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for the next ARP frame from another host. Frames that are not
     * IPv4-over-Ethernet ARP ({@link ArpFrames#parse}) or not for this host are dropped and the wait goes on. Empty after
     * the timeout, and at once when the listener is or gets closed.
     */
    public Optional<ArpPacket> receive(Duration timeout) throws NativeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        receiveLock.lock();
        try {
            while (!closed.get()) {
                long remaining = deadline - System.nanoTime();
                Optional<FrameReceiver.Frame> frame = receiver.receive(Math.max(0, remaining));
                if (frame.isEmpty()) {
                    return Optional.empty();
                }
                Optional<ArpPacket> arp = frame.get().forUs() ? ArpFrames.parse(frame.get().bytes()) : Optional.empty();
                if (arp.isPresent() || remaining <= 0) {
                    return arp;
                }
            }
            return Optional.empty();
        } finally {
            receiveLock.unlock();
        }
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int ifindex() {
        return ifindex;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Wakes a blocked receiver, waits for it to leave, then closes both descriptors. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Sockets.wake(wakeFd);
        receiveLock.lock();
        try {
            Sockets.close(fd);
            Sockets.close(wakeFd);
            arena.close();
        } finally {
            receiveLock.unlock();
        }
    }

    private static void bind(int fd, int ifindex, String interfaceName) throws NativeException {
        try (Arena local = Arena.ofConfined()) {
            MemorySegment errno = Libc.newCaptureState(local);
            MemorySegment ll = local.allocate(SockAddrs.LL_SIZE, 8);
            SockAddrs.writeLinkLayer(ll, ifindex, ArpFrames.ETH_P_ARP, new byte[0]);
            if ((int) Libc.BIND.invokeExact(errno, fd, ll, SockAddrs.LL_SIZE) < 0) {
                throw NativeException.of("bind(AF_PACKET, ETH_P_ARP, " + interfaceName + ")", Libc.errno(errno), null);
            }
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
