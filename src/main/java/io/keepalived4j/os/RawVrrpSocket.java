package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A raw socket for IP protocol 112 on one interface, set up as keepalived's VRRP sockets are
 * (vrrp-wire.md section 3): bound to the device, TOS / traffic class 0xc0, TTL / hop limit 255 for
 * multicast, {@code unicast_ttl} for unicast, multicast loop off, the group joined on that
 * interface. The kernel builds the IP header; we give it the VRRP message with its checksum
 * (from {@code VrrpEncoder}); for IPv6 the kernel is told not to compute or check one.
 *
 * <pre>{@code
 * try (RawVrrpSocket s = RawVrrpSocket.open(VrrpSocketOptions.ipv4("eth0"))) {
 *     s.send(VrrpEncoder.encode(advert, src, VrrpSocketOptions.VRRP_GROUP4, false), VrrpSocketOptions.VRRP_GROUP4);
 *     Optional<ReceivedPacket> p = s.receive(Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p>Threads: one receiver and any number of senders may use it at once; {@link #close()} may be
 * called from any thread and wakes a blocked receiver (through an eventfd), which then returns empty.
 */
public final class RawVrrpSocket implements AutoCloseable {

    private static final int MAX_MESSAGE = 8192;

    private final VrrpSocketOptions options;
    private final int fd;
    private final int wakeFd;
    private final int ifindex;
    private final Arena arena = Arena.ofShared();
    private final VrrpReceiver receiver;
    private final MemorySegment sendErrno;
    private final MemorySegment sendBuffer;
    private final MemorySegment sendAddress;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RawVrrpSocket(VrrpSocketOptions options, int fd, int wakeFd, int ifindex) {
        this.options = options;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.ifindex = ifindex;
        receiver = new VrrpReceiver(arena, fd, wakeFd, options.ipv6());
        sendErrno = Libc.newCaptureState(arena);
        sendBuffer = arena.allocate(MAX_MESSAGE, 8);
        sendAddress = arena.allocate(SockAddrs.MAX_SIZE, 8);
    }

    /**
     * Opens and configures the socket in the calling thread's network namespace.
     *
     * @throws NativeException e.g. EPERM without CAP_NET_RAW, ENODEV for an unknown interface,
     *                         EADDRNOTAVAIL when the source address is not configured
     */
    public static RawVrrpSocket open(VrrpSocketOptions options) throws NativeException {
        int ifindex = NetworkInterfaces.index(options.interfaceName());
        int family = options.ipv6() ? Libc.AF_INET6 : Libc.AF_INET;
        int fd = Sockets.open(family, Libc.SOCK_RAW, 112,
                "socket(" + (options.ipv6() ? "AF_INET6" : "AF_INET") + ", SOCK_RAW, 112)");
        int wakeFd = -1;
        try {
            VrrpSocketSetup.configure(fd, ifindex, options);
            wakeFd = Sockets.eventFd();
            return new RawVrrpSocket(options, fd, wakeFd, ifindex);
        } catch (NativeException | RuntimeException e) {
            Sockets.close(fd);
            if (wakeFd >= 0) {
                Sockets.close(wakeFd);
            }
            throw e;
        }
    }

    /**
     * Sends one VRRP message to the group or a unicast peer. Multicast goes out with MSG_DONTROUTE
     * as keepalived's does: link-local groups must never be routed.
     */
    public void send(byte[] message, InetAddress destination) throws IOException {
        if (!options.matchesFamily(destination)) {
            throw new IllegalArgumentException("destination " + destination + " is not IPv" + (options.ipv6() ? 6 : 4));
        }
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("message of " + message.length + " bytes");
        }
        sendLock.lock();
        try {
            ensureOpen();
            MemorySegment.copy(message, 0, sendBuffer, JAVA_BYTE, 0, message.length);
            int len = SockAddrs.write(sendAddress, destination, ifindex);
            int flags = destination.isMulticastAddress() ? Libc.MSG_DONTROUTE : 0;
            long n = (long) Libc.SENDTO.invokeExact(sendErrno, fd, sendBuffer, (long) message.length, flags,
                    sendAddress, len);
            if (n < 0) {
                throw NativeException.ofSocketCall("sendto(" + options.interfaceName() + ", "
                        + destination.getHostAddress() + ")", Libc.errno(sendErrno));
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for the next packet. Empty after the timeout, and at once when the
     * socket is or gets closed.
     */
    public Optional<ReceivedPacket> receive(Duration timeout) throws NativeException {
        receiveLock.lock();
        try {
            return closed.get() ? Optional.empty() : receiver.receive(timeout.toNanos());
        } finally {
            receiveLock.unlock();
        }
    }

    /** Joins another group on this interface (e.g. after a reload changed vrrp_mcast_group4). */
    public void joinGroup(InetAddress group) throws IOException {
        sendLock.lock();
        try {
            ensureOpen();
            VrrpSocketSetup.membership(fd, ifindex, options.ipv6(), group, true);
        } finally {
            sendLock.unlock();
        }
    }

    /** Leaves a group joined at open or with {@link #joinGroup}. */
    public void leaveGroup(InetAddress group) throws IOException {
        sendLock.lock();
        try {
            ensureOpen();
            VrrpSocketSetup.membership(fd, ifindex, options.ipv6(), group, false);
        } finally {
            sendLock.unlock();
        }
    }

    /** Index of the interface the socket is bound to. */
    public int ifindex() {
        return ifindex;
    }

    public VrrpSocketOptions options() {
        return options;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Wakes a blocked receiver, waits for it and any sender to leave, then closes. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        // eventfd counter += 1: poll in the receiver sees it readable and returns.
        Sockets.wake(wakeFd);
        receiveLock.lock();
        sendLock.lock();
        try {
            Sockets.close(fd);
            Sockets.close(wakeFd);
            arena.close();
        } finally {
            sendLock.unlock();
            receiveLock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed.get()) {
            throw new IOException("raw VRRP socket on " + options.interfaceName() + " is closed");
        }
    }
}
