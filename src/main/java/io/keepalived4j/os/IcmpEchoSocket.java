package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket that sends one ICMP (or ICMPv6) echo request and waits for its reply, for PING_CHECK.
 *
 * <pre>{@code
 * try (IcmpEchoSocket s = IcmpEchoSocket.open(false)) {
 *     s.sendRequest(InetAddress.ofLiteral("10.0.0.2"), 1, new byte[56]);
 *     boolean up = s.awaitReply(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>It is a datagram "ping" socket ({@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}, the kind
 * keepalived 2.2.7's check_ping.c uses) where {@code net.ipv4.ping_group_range} admits our group
 * (that sysctl covers IPv6 too); the kernel then picks the identifier and hands the socket only
 * replies that carry it. keepalived widens ping_group_range to {@code 0 <max>} when it reads a
 * PING_CHECK; we leave the host's settings alone, and where the range does not admit us (the
 * default {@code 1 0} admits nobody, not even root) use a raw socket, which needs CAP_NET_RAW and
 * sees every ICMP message of the host. There {@code ICMP_FILTER} / {@code ICMPV6_FILTER} keeps all
 * but echo replies in the kernel, and a socket filter ({@link SocketFilter#icmpEchoReply}) all but
 * the one that carries our random identifier and our sequence number, so the replies to the host's
 * other pings (or a flood of forged ones) never reach our queue. Whatever does arrive is checked
 * again here ({@link IcmpEcho#classify}: lengths, checksum, type, identifier, sequence), and must
 * come from the address we pinged.
 *
 * <p>{@link #awaitReply} does not block in {@code poll(2)}: a virtual thread inside a native call
 * pins its carrier thread (there are as many as cores), so it reads what is queued without
 * waiting and parks between reads, 1 ms at first, doubling up to 50 ms. A reply is noticed at most
 * 50 ms late; the wait ends at its timeout whatever arrives.
 *
 * <p>One user at a time; {@link #close()} may be called from any thread and is idempotent.
 */
public final class IcmpEchoSocket implements AutoCloseable {

    /** Which of the two socket types the kernel gave us. */
    public enum Kind { DATAGRAM, RAW }

    /** Far more than an echo reply to our request (an IPv4 header of 60 + 8 + data); longer ones are dropped. */
    static final int BUFFER = 2048;
    private static final long FIRST_PAUSE_NANOS = 1_000_000;
    private static final long MAX_PAUSE_NANOS = 50_000_000;
    /** Messages looked at per wake-up: enough to drain a burst, bounded so a flood cannot hold us. */
    private static final int DRAIN = 256;
    private static final SecureRandom IDS = new SecureRandom();

    private final boolean ipv6;
    private final Kind kind;
    private final ReceiveChannel channel;
    private final int id;
    private final MemorySegment sendErrno;
    private final MemorySegment sendBuffer;
    private final MemorySegment sendAddress;
    private final ReentrantLock lock = new ReentrantLock();
    private byte[] peer;
    private int sequence = -1;

    private IcmpEchoSocket(boolean ipv6, Kind kind, ReceiveChannel channel) {
        this.ipv6 = ipv6;
        this.kind = kind;
        this.channel = channel;
        this.id = kind == Kind.RAW ? IDS.nextInt(1 << 16) : -1;
        Arena arena = channel.arena();
        sendErrno = Libc.newCallState(arena);
        sendBuffer = arena.allocate(BUFFER, 8);
        sendAddress = arena.allocate(SockAddrs.MAX_SIZE, 8);
    }

    /**
     * Opens a ping socket, or a raw one where ping_group_range does not admit us.
     *
     * @throws NativeException when neither can be had (the raw socket's failure, e.g. EPERM without
     *                         CAP_NET_RAW, with the ping socket's as a suppressed exception)
     */
    public static IcmpEchoSocket open(boolean ipv6) throws NativeException {
        try {
            return open(ipv6, Kind.DATAGRAM);
        } catch (NativeException datagram) {
            int e = datagram.errno();
            // EACCES: our group is outside ping_group_range; the others: a kernel without ping sockets.
            if (e != Libc.EACCES && e != Libc.EPERM && e != Libc.EPROTONOSUPPORT && e != Libc.ESOCKTNOSUPPORT) {
                throw datagram;
            }
            try {
                return open(ipv6, Kind.RAW);
            } catch (NativeException raw) {
                raw.addSuppressed(datagram);
                throw raw;
            }
        }
    }

    /** Opens exactly this kind of socket. */
    static IcmpEchoSocket open(boolean ipv6, Kind kind) throws NativeException {
        int family = ipv6 ? Libc.AF_INET6 : Libc.AF_INET;
        int protocol = ipv6 ? Libc.IPPROTO_ICMPV6 : Libc.IPPROTO_ICMP;
        int type = kind == Kind.RAW ? Libc.SOCK_RAW : Libc.SOCK_DGRAM;
        String call = "socket(" + (ipv6 ? "AF_INET6, " : "AF_INET, ") + (kind == Kind.RAW ? "SOCK_RAW, " : "SOCK_DGRAM, ")
                + (ipv6 ? "IPPROTO_ICMPV6)" : "IPPROTO_ICMP)");
        int fd;
        try {
            fd = Sockets.open(family, type, protocol, call);
        } catch (NativeException e) {
            if (kind == Kind.DATAGRAM && e.errno() == Libc.EACCES) {
                throw NativeException.of(call, e.errno(), "our group is outside net.ipv4.ping_group_range");
            }
            throw e;
        }
        ReceiveChannel channel = ReceiveChannel.of(fd, "ICMP echo socket", BUFFER, SockAddrs.MAX_SIZE, 0);
        try {
            if (kind == Kind.RAW) {
                // nothing is queued until sendRequest() says which reply to let through
                SocketFilter.dropAll().attach(fd, "(ICMP echo socket before its request)");
                passOnlyEchoReplies(fd, ipv6);
            }
            return new IcmpEchoSocket(ipv6, kind, channel);
        } catch (NativeException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The identifier our requests carry on a raw socket; -1 on a ping socket, where the kernel picks it. */
    int identifier() {
        return id;
    }

    /**
     * Sends an echo request with {@code sequence} (16 bits) and {@code data} to {@code destination}
     * without blocking (MSG_DONTWAIT); {@link #awaitReply} then waits for its reply.
     *
     * @throws NativeException e.g. ENETUNREACH, or EAGAIN when the send buffer is full
     */
    public void sendRequest(InetAddress destination, int sequence, byte[] data) throws NativeException {
        if ((destination instanceof Inet6Address) != ipv6) {
            throw new IllegalArgumentException(destination + " is not IPv" + (ipv6 ? 6 : 4));
        }
        if (IcmpEcho.HEADER + data.length > BUFFER) {
            throw new IllegalArgumentException(data.length + " bytes of data");
        }
        byte[] message = IcmpEcho.request(ipv6, Math.max(id, 0), sequence & 0xffff, data);
        lock.lock();
        try {
            if (!channel.isOpen()) {
                throw NativeException.of("sendto(ICMP echo socket)", 9, "the socket is closed");
            }
            if (kind == Kind.RAW) {
                SocketFilter.icmpEchoReply(ipv6, id, sequence).attach(channel.fd(), "(ICMP echo reply " + id + "/"
                        + (sequence & 0xffff) + ")");
            }
            MemorySegment.copy(message, 0, sendBuffer, JAVA_BYTE, 0, message.length);
            int scope = destination instanceof Inet6Address a ? a.getScopeId() : 0;
            int length = SockAddrs.write(sendAddress, destination, scope);
            long n = (long) Libc.SENDTO.invokeExact(sendErrno, channel.fd(), sendBuffer, (long) message.length,
                    Libc.MSG_DONTWAIT, sendAddress, length);
            if (n < 0) {
                throw NativeException.ofSocketCall("sendto(ICMP echo socket, " + destination.getHostAddress() + ")",
                        Libc.errno(sendErrno));
            }
            this.peer = destination.getAddress();
            this.sequence = sequence & 0xffff;
        } catch (NativeException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for the reply to the last request: true when it came, false
     * after the timeout or when the socket is closed meanwhile. Anything else that arrives is
     * dropped and the wait goes on.
     *
     * @throws InterruptedException the thread was interrupted while parked
     */
    public boolean awaitReply(Duration timeout) throws NativeException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            if (receivedReply()) {
                return true;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !channel.isOpen()) {
                return false;
            }
            long nap = Math.min(pause, remaining);
            Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private boolean receivedReply() throws NativeException {
        lock.lock();
        try {
            if (sequence < 0) {
                throw new IllegalStateException("no request sent");
            }
            byte[] from = peer;
            int seq = sequence;
            Optional<Boolean> reply = channel.receiveQueued(DRAIN, (m, n) -> isReply(m, n, from, seq)
                    ? Optional.of(Boolean.TRUE) : Optional.empty());
            return reply.isPresent();
        } finally {
            lock.unlock();
        }
    }

    private boolean isReply(MessageReader m, long n, byte[] from, int seq) {
        boolean rawIpv4 = kind == Kind.RAW && !ipv6;
        return IcmpEcho.classify(m.buffer(), n, ipv6, rawIpv4, id, seq) == IcmpEcho.Verdict.OURS && cameFrom(m.name(), from);
    }

    // The sender in the sockaddr recvmsg filled: a reply must come from the address we pinged.
    private boolean cameFrom(MemorySegment name, byte[] from) {
        int family = name.get(JAVA_SHORT, 0);
        long at = from.length == 4 ? 4 : 8;
        if (family != (from.length == 4 ? Libc.AF_INET : Libc.AF_INET6)) {
            return false;
        }
        for (int i = 0; i < from.length; i++) {
            if (name.get(JAVA_BYTE, at + i) != from[i]) {
                return false;
            }
        }
        return true;
    }

    // Raw sockets see every ICMP message the host receives; the kernel drops all but echo replies.
    private static void passOnlyEchoReplies(int fd, boolean ipv6) throws NativeException {
        if (!ipv6) {
            Sockets.setInt(fd, Libc.SOL_RAW, Libc.ICMP_FILTER, ~(1 << IcmpEcho.ECHO_REPLY), "ICMP_FILTER");
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment filter = arena.allocate(32, 4);
            for (int word = 0; word < 8; word++) {
                filter.set(JAVA_INT, 4L * word, -1);
            }
            int type = IcmpEcho.ECHO_REPLY_V6;
            filter.set(JAVA_INT, 4L * (type >>> 5), ~(1 << (type & 31)));
            Sockets.set(fd, Libc.IPPROTO_ICMPV6, Libc.ICMPV6_FILTER, filter, "ICMPV6_FILTER echo replies only");
        }
    }

    /** Closes the socket; a wait in progress returns false at its next wake-up. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            channel.close();
        } finally {
            lock.unlock();
        }
    }
}
