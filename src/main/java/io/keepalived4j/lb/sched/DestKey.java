package io.keepalived4j.lb.sched;

import java.net.InetAddress;

/** What identifies a destination within a service, as in the kernel (ip_vs_lookup_dest): address and port. */
record DestKey(InetAddress address, int port) {

    static DestKey of(SchedDest d) {
        return new DestKey(d.address(), d.port());
    }
}
