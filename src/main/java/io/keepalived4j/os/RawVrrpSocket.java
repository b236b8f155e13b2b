package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

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
    private final int ifindex;
    private final ReceiveChannel channel;
    private final ReceiveChannel.Parser<ReceivedPacket> parser;
    private final MemorySegment sendErrno;
    private final MemorySegment sendBuffer;
    private final MemorySegment sendAddress;
    private final ReentrantLock sendLock = new ReentrantLock();

    private RawVrrpSocket(VrrpSocketOptions options, ReceiveChannel channel, int ifindex) {
        this.options = options;
        this.channel = channel;
        this.ifindex = ifindex;
        this.parser = VrrpReceiver.parser(options.ipv6());
        sendErrno = Libc.newCallState(channel.arena());
        sendBuffer = channel.arena().allocate(MAX_MESSAGE, 8);
        sendAddress = channel.arena().allocate(SockAddrs.MAX_SIZE, 8);
    }

    /**
     * Opens and configures the socket in the calling thread's network namespace.
     *
     * @throws NativeException e.g. EPERM without CAP_NET_RAW, ENODEV for an unknown interface,
     *                         EADDRNOTAVAIL when the source address is not configured
     */
    public static RawVrrpSocket open(VrrpSocketOptions options) throws NativeException {
        return open(options, false);
    }

    /**
     * A socket that only sends: a filter that accepts nothing is attached before anything else, so
     * the kernel never queues the host's VRRP traffic on it (every raw protocol-112 socket gets a
     * copy of every packet, and nobody reads this one).
     */
    public static RawVrrpSocket openForSending(VrrpSocketOptions options) throws NativeException {
        return open(options, true);
    }

    private static RawVrrpSocket open(VrrpSocketOptions options, boolean sendOnly) throws NativeException {
        int ifindex = NetworkInterfaces.index(options.interfaceName());
        int family = options.ipv6() ? Libc.AF_INET6 : Libc.AF_INET;
        int fd = Sockets.open(family, Libc.SOCK_RAW, 112,
                "socket(" + (options.ipv6() ? "AF_INET6" : "AF_INET") + ", SOCK_RAW, 112)");
        ReceiveChannel channel = ReceiveChannel.of(fd, "raw VRRP socket", VrrpReceiver.BUFFER, SockAddrs.MAX_SIZE,
                VrrpReceiver.CONTROL);
        try {
            if (sendOnly) {
                SocketFilter.dropAll().attach(fd, "(send-only VRRP socket)");
            }
            VrrpSocketSetup.configure(fd, ifindex, options);
            return new RawVrrpSocket(options, channel, ifindex);
        } catch (NativeException | RuntimeException e) {
            channel.close();
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
            long n = (long) Libc.SENDTO.invokeExact(sendErrno, channel.fd(), sendBuffer, (long) message.length, flags,
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
        return channel.receive(timeout.toNanos(), parser);
    }

    /**
     * Takes what the kernel has queued, without waiting: at most {@code max} datagrams read, each
     * VRRP packet to {@code sink}. For a caller that waits on {@link #fd()} itself; a close makes it
     * return 0.
     *
     * @return how many went to the sink
     */
    public int receiveQueued(int max, Consumer<? super ReceivedPacket> sink) throws NativeException {
        return channel.readQueued(max, parser, sink);
    }

    /**
     * The descriptor, for a caller that polls it with others ({@link ReadinessPoll}); it must stop
     * doing so before {@link #close()}.
     */
    public int fd() {
        return channel.fd();
    }

    /** Joins another group on this interface (e.g. after a reload changed vrrp_mcast_group4). */
    public void joinGroup(InetAddress group) throws IOException {
        sendLock.lock();
        try {
            ensureOpen();
            VrrpSocketSetup.membership(channel.fd(), ifindex, options.ipv6(), group, true);
        } finally {
            sendLock.unlock();
        }
    }

    /** Leaves a group joined at open or with {@link #joinGroup}. */
    public void leaveGroup(InetAddress group) throws IOException {
        sendLock.lock();
        try {
            ensureOpen();
            VrrpSocketSetup.membership(channel.fd(), ifindex, options.ipv6(), group, false);
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
        return channel.isOpen();
    }

    /** Wakes a blocked receiver, waits for it and any sender to leave, then closes. Idempotent. */
    @Override
    public void close() {
        sendLock.lock();
        try {
            channel.close();
        } finally {
            sendLock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        if (!channel.isOpen()) {
            throw new IOException("raw VRRP socket on " + options.interfaceName() + " is closed");
        }
    }
}
