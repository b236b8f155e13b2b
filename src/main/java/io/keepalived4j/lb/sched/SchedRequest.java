package io.keepalived4j.lb.sched;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The new connection being scheduled (for UDP: the new flow). {@code sh} and {@code mh} hash the
 * client's address (and, with {@code sh-port}/{@code mh-port}, its port); {@code dh}, {@code lblc}
 * and {@code lblcr} key on the virtual address, the packet's destination.
 */
public record SchedRequest(InetAddress client, int clientPort, InetAddress virtualAddress, int virtualPort) {

    public SchedRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(virtualAddress, "virtualAddress");
    }
}
