package io.keepalived4j.lb.proxy;

import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.sched.SchedDest;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A real server (or the sorry server) of one proxied virtual server: what the scheduler sees, its
 * counters, and IPVS's overload flag from {@code uthreshold}/{@code lthreshold}
 * (ip_vs_bind_dest/ip_vs_unbind_dest: overloaded at {@code connections >= uthreshold}, back
 * below {@code lthreshold}, or below 3/4 of uthreshold when no lthreshold is set).
 */
final class Backend implements SchedDest {

    final Destination destination;
    final InetSocketAddress socketAddress;
    final TrafficCounters counters = new TrafficCounters();
    private final long upperThreshold;
    private final long lowerThreshold;
    private volatile int weight;
    private volatile boolean overloaded;
    /** Taken out of the pool: existing connections drain, the scheduler no longer sees it. */
    private volatile boolean removed;

    Backend(Destination destination, int weight, long upperThreshold, long lowerThreshold) {
        this.destination = destination;
        this.socketAddress = new InetSocketAddress(destination.address(), destination.port());
        this.weight = weight;
        this.upperThreshold = upperThreshold;
        this.lowerThreshold = lowerThreshold;
    }

    @Override
    public InetAddress address() {
        return destination.address();
    }

    @Override
    public int port() {
        return destination.port();
    }

    @Override
    public int weight() {
        return weight;
    }

    void weight(int w) {
        weight = w;
    }

    @Override
    public int activeConns() {
        return counters.active.get();
    }

    /** A full proxy holds no TIME_WAIT entries: IPVS's inactive connections are always 0 here. */
    @Override
    public int inactiveConns() {
        return 0;
    }

    @Override
    public boolean overloaded() {
        return overloaded;
    }

    boolean removed() {
        return removed;
    }

    void markRemoved(boolean r) {
        removed = r;
    }

    /** A connection to this server is established (or a UDP flow starts). */
    void opened() {
        int now = counters.active.incrementAndGet();
        counters.connections.increment();
        if (upperThreshold > 0 && now >= upperThreshold) {
            overloaded = true;
        }
    }

    void closed() {
        int now = counters.active.decrementAndGet();
        if (lowerThreshold > 0) {
            if (now < lowerThreshold) {
                overloaded = false;
            }
        } else if (upperThreshold > 0) {
            if ((long) now * 4 < upperThreshold * 3) {
                overloaded = false;
            }
        } else {
            overloaded = false;
        }
    }

    @Override
    public String toString() {
        return socketAddress.toString();
    }
}
