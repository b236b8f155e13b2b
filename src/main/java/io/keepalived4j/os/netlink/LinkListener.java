package io.keepalived4j.os.netlink;

/**
 * Receives {@link LinkMonitor}'s notifications, on the monitor's reader thread: implementations
 * should hand work to the daemon's event loop rather than block.
 */
public interface LinkListener {

    /** A link appeared or changed (flags, operstate, MTU...); also for every link after a resync. */
    void onLink(Link link);

    /** A link was deleted. */
    default void onLinkRemoved(Link link) {}

    /** An address was added ({@code added}) or removed. */
    default void onAddress(boolean added, InterfaceAddress address) {}

    /**
     * Notifications were lost (ENOBUFS: the socket buffer overflowed). The monitor has just
     * re-read all links and reported them with {@link #onLink}; addresses should be re-checked.
     */
    default void onResync() {}
}
