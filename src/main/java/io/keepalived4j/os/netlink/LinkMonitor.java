package io.keepalived4j.os.netlink;

import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.ReadinessPoll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches link and address changes through rtnetlink multicast (RTMGRP_LINK, RTMGRP_IPV4_IFADDR,
 * RTMGRP_IPV6_IFADDR), as keepalived's {@code kernel_netlink} monitor does.
 *
 * <p>Two ways to use it: {@link #open()} and call {@link #poll} from a thread you own (the daemon's
 * supervisor does: a failure is its to restart), or {@link #start} for a monitor with its own
 * daemon platform thread (a blocking native call would pin a virtual thread's carrier).
 *
 * <pre>{@code
 * try (LinkMonitor m = LinkMonitor.open()) {
 *     while (running) m.poll(listener);      // returns within POLL
 * }
 * }</pre>
 *
 * <p>A poll sleeps until the kernel has something or {@link #close()} wakes it (an eventfd, see
 * {@link ReadinessPoll}), at most {@link #POLL}: a daemon whose links never change costs one wake-up
 * a second (it was ten, a receive timeout of 100 ms, and that was a seventh of an idle backup's
 * CPU, issue 12). Closing never races a poll: it wakes the poller and waits for it to leave
 * before the descriptors are closed, so no closed fd number can be reused under a reader.
 */
public final class LinkMonitor implements AutoCloseable {

    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final Duration POLL = Duration.ofSeconds(1);
    /** A receive after poll said readable does not block; this only bounds one that would. */
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(100);
    /** How long a close waits for a poll in progress: past a resync's netlink answer timeout (5 s). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(6);
    /** keepalived raises its monitor's buffer too: link flaps on many VMACs come in bursts. */
    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

    private final NetlinkSocket socket;
    private final ReadinessPoll readable;
    private final int[] fds;
    private final Optional<Path> netns;
    private final ReentrantLock pollLock = new ReentrantLock();
    private Thread reader;
    private volatile boolean stopping;
    private boolean closed;

    private LinkMonitor(NetlinkSocket socket, ReadinessPoll readable, Optional<Path> netns) {
        this.socket = socket;
        this.readable = readable;
        this.fds = new int[] {socket.fd()};
        this.netns = netns;
    }

    /** A monitor of this process's namespace without a thread: call {@link #poll}. */
    public static LinkMonitor open() throws NetlinkException {
        return open(NetlinkSocket.open(groups()), Optional.empty(), RECEIVE_BUFFER);
    }

    /** Monitors this process's namespace on its own thread. */
    public static LinkMonitor start(LinkListener listener) throws NetlinkException {
        return open().startThread(listener);
    }

    /** Monitors the namespace of {@code netnsFile}, e.g. {@code /run/netns/NAME}. */
    public static LinkMonitor startInNamespace(Path netnsFile, LinkListener listener) throws NetlinkException {
        return startInNamespace(netnsFile, listener, RECEIVE_BUFFER);
    }

    /** A monitor of the namespace of {@code netnsFile} without a thread: call {@link #poll}. */
    static LinkMonitor openInNamespace(Path netnsFile) throws NetlinkException {
        return open(NetlinkSocket.openInNamespace(netnsFile, groups()), Optional.of(netnsFile), RECEIVE_BUFFER);
    }

    /** With a chosen SO_RCVBUF, so that a test can make the kernel overflow it. */
    static LinkMonitor startInNamespace(Path netnsFile, LinkListener listener, int receiveBuffer)
            throws NetlinkException {
        return open(NetlinkSocket.openInNamespace(netnsFile, groups()), Optional.of(netnsFile), receiveBuffer)
                .startThread(listener);
    }

    private static LinkMonitor open(NetlinkSocket socket, Optional<Path> netns, int receiveBuffer)
            throws NetlinkException {
        try {
            socket.receiveTimeout(RECEIVE_TIMEOUT);
            socket.receiveBufferSize(receiveBuffer);
            return new LinkMonitor(socket, ReadinessPoll.open(), netns);
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        } catch (NativeException e) {
            socket.close();
            throw NetlinkException.ofCall("eventfd(netlink monitor)", e.errno());
        }
    }

    private LinkMonitor startThread(LinkListener listener) {
        reader = Thread.ofPlatform().daemon().name("k4j-link-monitor").unstarted(() -> run(listener));
        reader.start();
        return this;
    }

    private static int groups() {
        return RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    }

    /**
     * Delivers what arrives within {@link #POLL}. When the kernel dropped notifications (ENOBUFS),
     * re-reads all links and reports them, then {@link LinkListener#onResync()}.
     *
     * @throws NetlinkException any other receive failure (the caller decides: retry or give up)
     */
    public void poll(LinkListener listener) throws NetlinkException {
        pollLock.lock();
        try {
            if (stopping || !awaitReadable()) {
                return;
            }
            socket.receive().forEach(m -> dispatch(m, listener));
        } catch (NetlinkException e) {
            if (e.errno() != NetlinkException.ENOBUFS) {
                throw e;
            }
            // The kernel dropped notifications; the socket stays usable (netlink(7)).
            LOG.warn("netlink monitor overrun (ENOBUFS): re-reading all links");
            resync(listener);
        } finally {
            pollLock.unlock();
        }
    }

    private boolean awaitReadable() throws NetlinkException {
        try {
            // stopping is set before the wake-up, which stays pending until a wait takes it: a close
            // between the caller's look at stopping and this wait still ends the wait at once.
            readable.await(fds, 1, POLL.toNanos());
            return readable.readable(0);
        } catch (NativeException e) {
            throw NetlinkException.ofCall("poll(netlink monitor)", e.errno());
        }
    }

    private void run(LinkListener listener) {
        try {
            while (!stopping) {
                try {
                    poll(listener);
                } catch (NetlinkException e) {
                    LOG.error("link monitor stops: {}", e.getMessage());
                    return;
                }
            }
        } finally {
            closeDescriptors();
        }
    }

    private static void dispatch(NetlinkMessage m, LinkListener listener) {
        try {
            switch (m.header().type()) {
                case NlMsgType.RTM_NEWLINK -> listener.onLink(LinkMessages.decode(m));
                case NlMsgType.RTM_DELLINK -> listener.onLinkRemoved(LinkMessages.decode(m));
                case NlMsgType.RTM_NEWADDR -> listener.onAddress(true, AddressMessages.decode(m));
                case NlMsgType.RTM_DELADDR -> listener.onAddress(false, AddressMessages.decode(m));
                default -> { } // NOOP and other groups' messages
            }
        } catch (RuntimeException e) {
            // One bad message or listener failure must not stop link tracking for every instance.
            LOG.error("link monitor listener failed on message type {}", m.header().type(), e);
        }
    }

    private void resync(LinkListener listener) throws NetlinkException {
        try (RtNetlink rt = netns.isPresent() ? RtNetlink.openInNamespace(netns.get()) : RtNetlink.open()) {
            List<Link> links = rt.links();
            links.forEach(listener::onLink);
            listener.onResync();
        }
    }

    /**
     * Wakes a poll in progress and makes every later one return at once. Threaded form: waits for
     * the reader, which closes the descriptors. Polled form: closes them once the poller has left.
     */
    @Override
    public void close() {
        stopping = true;
        readable.wake();
        if (reader == null) {
            closeDescriptors();
            return;
        }
        if (Thread.currentThread() == reader) {
            return; // called from the listener: the loop ends after this message
        }
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After the last poll (the lock waits for one in progress, which the wake-up ends; a resync in
     * it waits at most for netlink's answer timeout). A poll that does not leave within
     * {@link #CLOSE_WAIT} keeps its descriptors: left open, never closed under it. Idempotent.
     */
    private void closeDescriptors() {
        try {
            if (!pollLock.tryLock(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("netlink monitor: a poll did not end within {} ms; its socket is left open", CLOSE_WAIT.toMillis());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (closed) {
                return;
            }
            closed = true;
            socket.close();
            readable.close();
        } finally {
            pollLock.unlock();
        }
    }
}
