package io.keepalived4j.lb.sched;

/** The new connection being scheduled (for UDP: the new flow). */
public record SchedRequest(java.net.InetAddress client, int clientPort, java.net.InetAddress virtualAddress, int virtualPort) {
}
