package io.keepalived4j.os.netlink;

import io.keepalived4j.os.Libc;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An {@code AF_NETLINK}/{@code SOCK_RAW}/{@code NETLINK_ROUTE} socket: request/acknowledge and
 * dump exchanges with the kernel, or the receive side of multicast notifications. Not
 * thread-safe: one owner sends and receives. {@link #close()} from another thread while a
 * {@link #receive()} is blocked is tolerated (a daemon's stop closes its sockets before joining
 * their threads): the receive returns when its timeout elapses, and whichever of the two ends last
 * frees the receive buffer. Still, a closed fd number could be reused under a reader that was just
 * about to call recv, which is why {@link LinkMonitor}'s threaded form closes its socket from its
 * own reader thread.
 *
 * <pre>{@code
 * try (NetlinkSocket nl = NetlinkSocket.open(0)) {
 *     nl.ack(request, "add address 192.0.2.1/32 dev 3");
 * }
 * }</pre>
 */
public final class NetlinkSocket implements AutoCloseable {

    /** Dumps come in datagrams of up to 32 KiB (NLMSG_GOODSIZE grows to that); twice is ample. */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    /** A dump interrupted by concurrent changes (NLM_F_DUMP_INTR) is re-run at most this often. */
    private static final int DUMP_ATTEMPTS = 3;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer = arena.allocate(RECEIVE_BUFFER, 8);
    private final byte[] received = new byte[RECEIVE_BUFFER];
    private final int fd;
    private final int portId;
    private int seq = ThreadLocalRandom.current().nextInt(1, 1 << 30);
    private volatile boolean closed;
    /**
     * Set by {@link #close()} before it closes the arena: a receive still in its recv (another
     * thread, returning within its receive timeout) holds the buffer's arena, so whichever of the two
     * finishes last closes it.
     */
    private volatile boolean arenaToClose;

    /** The descriptor, for a wait on it ({@code ReadinessPoll}); closed with the socket. */
    int fd() {
        return fd;
    }

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /** A socket in this process's network namespace, joined to the {@code RTMGRP_*} bits of {@code groups}. */
    public static NetlinkSocket open(int groups) throws NetlinkException {
        return bound(NetlinkSockets.create(), groups);
    }

    /** A generic netlink socket (NETLINK_GENERIC) in this process's network namespace, for IPVS. */
    public static NetlinkSocket openGeneric() throws NetlinkException {
        return bound(NetlinkSockets.create(NetlinkSockets.NETLINK_GENERIC), 0);
    }

    /**
     * Sends {@code request} with {@link NlMsgFlags#ACK} and returns the messages the kernel
     * answered before its acknowledgement: a generic netlink GET (the IPVS service, nlctrl's
     * family) answers with one message, then the ACK.
     *
     * @throws NetlinkException with the kernel's errno when it refused (ENOENT: no such family)
     */
    public List<NetlinkMessage> request(NetlinkRequest request, String operation) throws NetlinkException {
        int mySeq = nextSeq();
        send(request.encode(mySeq));
        List<NetlinkMessage> answers = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receiveOrFail(operation)) {
                if (m.header().seq() != mySeq) {
                    continue;
                }
                if (m.header().type() == NlMsgType.ERROR) {
                    NlMsgErr err = NlMsgErr.decode(m.body(), m.header().flags());
                    if (err.error() != 0) {
                        throw new NetlinkException(err.errno(), operation, err.kernelMessage());
                    }
                    return answers;
                }
                answers.add(m);
            }
        }
    }

    /**
     * A socket in the namespace of {@code netnsFile} (e.g. {@code /run/netns/NAME}); it stays
     * there however the calling thread moves, as keepalived's {@code net_namespace} needs.
     */
    public static NetlinkSocket openInNamespace(Path netnsFile, int groups) throws NetlinkException {
        return bound(NetlinkSockets.createIn(netnsFile), groups);
    }

    private static NetlinkSocket bound(int fd, int groups) throws NetlinkException {
        try {
            return new NetlinkSocket(fd, NetlinkSockets.bind(fd, groups));
        } catch (NetlinkException | RuntimeException e) {
            NetlinkSockets.close(fd);
            throw e;
        }
    }

    /** The port id the kernel gave this socket (its {@code nl_pid}). */
    public int portId() {
        return portId;
    }

    /** Bounds each {@link #receive()}: it then returns an empty list when nothing came in time. */
    public void receiveTimeout(Duration timeout) throws NetlinkException {
        long micros = timeout.toNanos() / 1000;
        NetlinkSockets.setTimeval(fd, Libc.SO_RCVTIMEO, micros / 1_000_000, micros % 1_000_000);
    }

    /** SO_RCVBUF: a larger buffer makes ENOBUFS (lost notifications) rarer on a busy monitor. */
    public void receiveBufferSize(int bytes) throws NetlinkException {
        NetlinkSockets.setInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes);
    }

    /**
     * Sends {@code request} with {@link NlMsgFlags#ACK} and waits for the kernel's answer.
     *
     * @throws NetlinkException with the kernel's errno (EEXIST, EADDRNOTAVAIL...) when it refused
     */
    public void ack(NetlinkRequest request, String operation) throws NetlinkException {
        int mySeq = nextSeq();
        send(request.encode(mySeq));
        while (true) {
            for (NetlinkMessage m : receiveOrFail(operation)) {
                if (m.header().seq() == mySeq && m.header().type() == NlMsgType.ERROR) {
                    NlMsgErr err = NlMsgErr.decode(m.body(), m.header().flags());
                    if (err.error() != 0) {
                        throw new NetlinkException(err.errno(), operation, err.kernelMessage());
                    }
                    return;
                }
            }
        }
    }

    /**
     * Sends a GET request with {@link NlMsgFlags#DUMP} and collects the multi-part answer up to
     * NLMSG_DONE. A dump the kernel marks as interrupted by a concurrent change is run again.
     */
    public List<NetlinkMessage> dump(NetlinkRequest request, String operation) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            int mySeq = nextSeq();
            send(request.encode(mySeq));
            List<NetlinkMessage> parts = new ArrayList<>();
            boolean interrupted = false;
            boolean done = false;
            while (!done) {
                for (NetlinkMessage m : receiveOrFail(operation)) {
                    if (m.header().seq() != mySeq) {
                        continue; // a late answer to an earlier request
                    }
                    interrupted |= m.header().has(NlMsgFlags.DUMP_INTR);
                    switch (m.header().type()) {
                        case NlMsgType.DONE -> done = true;
                        case NlMsgType.ERROR -> {
                            NlMsgErr err = NlMsgErr.decode(m.body(), m.header().flags());
                            throw new NetlinkException(err.errno(), operation, err.kernelMessage());
                        }
                        default -> parts.add(m);
                    }
                }
            }
            if (!interrupted || attempt == DUMP_ATTEMPTS) {
                return parts;
            }
        }
    }

    /**
     * Receives one datagram and splits it. Returns an empty list when the receive timeout
     * elapsed or a signal interrupted the call.
     *
     * @throws NetlinkException ENOBUFS when the kernel dropped notifications for want of buffer
     *                          space: the caller must re-read the state it tracks
     */
    public List<NetlinkMessage> receive() throws NetlinkException {
        List<NetlinkMessage> m = receiveOnce();
        return m == null ? List.of() : m;
    }

    /** One recv: the messages, an empty list after EINTR, or null when the receive timeout elapsed. */
    private List<NetlinkMessage> receiveOnce() throws NetlinkException {
        checkOpen();
        try {
            return receiveIntoBuffer();
        } catch (IllegalStateException e) {
            if (closed) {
                return null; // closed under us by another thread: as a timeout, the caller's loop ends
            }
            throw e;
        } finally {
            if (arenaToClose) {
                closeArena();
            }
        }
    }

    private List<NetlinkMessage> receiveIntoBuffer() throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(call);
            long n = (long) Libc.RECV.invokeExact(state, fd, receiveBuffer, (long) RECEIVE_BUFFER, 0);
            if (n < 0) {
                int errno = Libc.errno(state);
                if (errno == NetlinkException.EAGAIN) {
                    return null;
                }
                if (errno == NetlinkException.EINTR) {
                    return List.of();
                }
                throw NetlinkException.ofCall("recv", errno);
            }
            MemorySegment.copy(receiveBuffer, JAVA_BYTE, 0, received, 0, (int) n);
            return NetlinkMessage.parseAll(received, (int) n);
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sends one already encoded message to the kernel (port id 0). */
    public void send(byte[] message) throws NetlinkException {
        checkOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(call);
            MemorySegment buf = call.allocate(message.length);
            MemorySegment.copy(message, 0, buf, JAVA_BYTE, 0, message.length);
            MemorySegment kernel = call.allocate(NetlinkSockets.SOCKADDR_NL_SIZE, 4);
            kernel.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            long n = (long) Libc.SENDTO.invokeExact(state, fd, buf, (long) message.length, 0, kernel,
                    NetlinkSockets.SOCKADDR_NL_SIZE);
            if (n < 0) {
                throw NetlinkException.ofCall("sendto", Libc.errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The sequence number for the next request (the kernel echoes it in every answer). */
    public int nextSeq() {
        return ++seq;
    }

    private List<NetlinkMessage> receiveOrFail(String operation) throws NetlinkException {
        while (true) {
            List<NetlinkMessage> messages = receiveOnce();
            if (messages == null) {
                // Only a receive timeout gets here: the kernel did not answer in time.
                throw new NetlinkException(NetlinkException.EAGAIN, operation + ": no answer from the kernel",
                        java.util.Optional.empty());
            }
            if (!messages.isEmpty()) {
                return messages;
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        NetlinkSockets.close(fd);
        arenaToClose = true;
        closeArena();
    }

    /** Closes the receive buffer's arena unless a receive on another thread still holds it (it then closes it). */
    private void closeArena() {
        try {
            arena.close();
        } catch (IllegalStateException e) {
            // held by a receive in progress, or already closed by it
        }
    }

}
