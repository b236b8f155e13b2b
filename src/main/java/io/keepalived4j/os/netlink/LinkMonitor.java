package io.keepalived4j.os.netlink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches link and address changes through rtnetlink multicast (RTMGRP_LINK, RTMGRP_IPV4_IFADDR,
 * RTMGRP_IPV6_IFADDR), as keepalived's {@code kernel_netlink} monitor does, on a daemon platform
 * thread (a blocking native call would pin a virtual thread's carrier).
 *
 * <pre>{@code
 * try (LinkMonitor m = LinkMonitor.start(link -> events.offer(link))) { ... }
 * }</pre>
 *
 * <p>The socket has a short receive timeout so that {@link #close()} is prompt: the reader sees
 * the stop flag within {@link #POLL} and closes the socket itself, its only user.
 */
public final class LinkMonitor implements AutoCloseable {

    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;
    static final Duration POLL = Duration.ofMillis(100);
    /** keepalived raises its monitor's buffer too: link flaps on many VMACs come in bursts. */
    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);

    private final NetlinkSocket socket;
    private final Optional<Path> netns;
    private final LinkListener listener;
    private final Thread reader;
    private volatile boolean stopping;

    private LinkMonitor(NetlinkSocket socket, Optional<Path> netns, LinkListener listener) {
        this.socket = socket;
        this.netns = netns;
        this.listener = listener;
        this.reader = Thread.ofPlatform().daemon().name("k4j-link-monitor").unstarted(this::run);
    }

    /** Monitors this process's namespace. */
    public static LinkMonitor start(LinkListener listener) throws NetlinkException {
        return start(NetlinkSocket.open(groups()), Optional.empty(), listener, RECEIVE_BUFFER);
    }

    /** Monitors the namespace of {@code netnsFile}, e.g. {@code /run/netns/NAME}. */
    public static LinkMonitor startInNamespace(Path netnsFile, LinkListener listener) throws NetlinkException {
        return startInNamespace(netnsFile, listener, RECEIVE_BUFFER);
    }

    /** With a chosen SO_RCVBUF, so that a test can make the kernel overflow it. */
    static LinkMonitor startInNamespace(Path netnsFile, LinkListener listener, int receiveBuffer)
            throws NetlinkException {
        return start(NetlinkSocket.openInNamespace(netnsFile, groups()), Optional.of(netnsFile), listener,
                receiveBuffer);
    }

    private static LinkMonitor start(NetlinkSocket socket, Optional<Path> netns, LinkListener listener,
                                     int receiveBuffer) throws NetlinkException {
        try {
            socket.receiveTimeout(POLL);
            socket.receiveBufferSize(receiveBuffer);
        } catch (NetlinkException e) {
            socket.close();
            throw e;
        }
        LinkMonitor monitor = new LinkMonitor(socket, netns, listener);
        monitor.reader.start();
        return monitor;
    }

    private static int groups() {
        return RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    }

    private void run() {
        try {
            while (!stopping) {
                try {
                    socket.receive().forEach(this::dispatch);
                } catch (NetlinkException e) {
                    if (e.errno() != NetlinkException.ENOBUFS) {
                        LOG.error("link monitor stops: {}", e.getMessage());
                        return;
                    }
                    // The kernel dropped notifications; the socket stays usable (netlink(7)).
                    LOG.warn("netlink monitor overrun (ENOBUFS): re-reading all links");
                    resync();
                }
            }
        } finally {
            socket.close();
        }
    }

    private void dispatch(NetlinkMessage m) {
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

    private void resync() {
        try (RtNetlink rt = netns.isPresent() ? RtNetlink.openInNamespace(netns.get()) : RtNetlink.open()) {
            List<Link> links = rt.links();
            links.forEach(listener::onLink);
            listener.onResync();
        } catch (NetlinkException | RuntimeException e) {
            LOG.error("link monitor resync failed: {}", e.getMessage(), e);
        }
    }

    /** Stops the reader (within about {@link #POLL}) and closes the socket. */
    @Override
    public void close() {
        stopping = true;
        if (Thread.currentThread() == reader) {
            return; // called from the listener: the loop ends after this message
        }
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
