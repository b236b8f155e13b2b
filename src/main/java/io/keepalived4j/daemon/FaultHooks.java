package io.keepalived4j.daemon;

/**
 * Where the daemon's fault-injection tests make a component fail (an {@code Error} in the loop, a
 * receive thread, a tracker, the link monitor; a loop task that never returns). Package-private
 * and a no-op in production: only tests in this package construct a daemon with other hooks.
 */
interface FaultHooks {

    FaultHooks NONE = new FaultHooks() {
    };

    /** Before each turn of the VRRP loop, on the loop thread. */
    default void inLoop() {
    }

    /** Before each receive of a VRRP receive socket (each loop turn for a socket the loop reads). */
    default void inReceiver(String thread) {
    }

    /** Before each receive of the ARP watch. */
    default void inArpWatch(String thread) {
    }

    /** Before each poll of the link monitor. */
    default void inLinkMonitor() {
    }

    /** Before each run of a polled tracker (track_file, vrrp_track_process) or a script result. */
    default void inTracker(String name) {
    }
}
