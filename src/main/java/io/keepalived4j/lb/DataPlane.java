package io.keepalived4j.lb;

import io.keepalived4j.config.model.lvs.VirtualServer;

/**
 * What the health-checked pool tells whoever forwards the traffic: the kernel's IPVS or the
 * userspace proxy (their own packages), or nobody (the {@link LoggingDataPlane} of this release).
 * The pool calls it from one thread at a time, in the order the changes happen; an implementation
 * must not block for long (it runs between checks).
 */
public interface DataPlane extends AutoCloseable {

    /** A virtual server is configured (at start): the service exists, with no destination yet. */
    void addService(VirtualServer vs);

    /** The virtual server goes (at stop, unless kept). */
    void removeService(VirtualServer vs);

    /**
     * A reload changed virtual server {@code from} into {@code to} (same identity: address and
     * port, fwmark or group; same protocol and family): {@code to} takes its place with the
     * destinations {@code from} has now, which the pool then re-sets. A data plane that can
     * change a service in place does so, keeping its connections and, for a proxy, its listening
     * sockets; the default removes and adds it.
     */
    default void replaceService(VirtualServer from, VirtualServer to) {
        removeService(from);
        addService(to);
    }

    /**
     * {@code d} receives traffic with {@code weight} (0: quiesced, as inhibit_on_failure leaves a
     * failed server: existing connections continue, no new ones). Adds it or changes its weight.
     */
    void setDestination(VirtualServer vs, Destination d, long weight);

    /** {@code d} is taken out of the service. */
    void removeDestination(VirtualServer vs, Destination d);

    /**
     * The pool's start is complete: every service and its initial destinations have been given.
     * A data plane that converges an existing table (IPVS after a restart) does it now, in one
     * plan, rather than service by service while the picture is still partial.
     */
    default void populated() {
    }

    /**
     * A reload's changes follow, ended by {@link #populated()}: a data plane that can converge
     * in one plan holds them until then, so a virtual server removed and added again with the
     * same kernel key (a changed scheduler or weight) ends as edits in place, not as a service
     * deleted and created (which would drop its connections).
     */
    default void reloading() {
    }

    /**
     * Connections per real server now, keyed by {@link ServerConnections#key} with the virtual
     * server's {@code describe()} text and "[address]:port"; empty when this data plane does not count.
     */
    default java.util.Map<String, ServerConnections> connections() {
        return java.util.Map.of();
    }

    @Override
    default void close() {
    }
}
