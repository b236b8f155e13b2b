package io.keepalived4j.lb.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * IPVS's per-service and per-destination counters ({@code ipvsadm -ln --stats}). "in" is client to
 * real server, "out" the way back. A full proxy sees reads, not wire packets: a packet here is one
 * read of the socket (for UDP, one datagram).
 */
final class TrafficCounters {

    final AtomicInteger active = new AtomicInteger();
    final LongAdder connections = new LongAdder();
    final LongAdder inPackets = new LongAdder();
    final LongAdder outPackets = new LongAdder();
    final LongAdder inBytes = new LongAdder();
    final LongAdder outBytes = new LongAdder();
    final RateEstimator rates = new RateEstimator();

    Traffic snapshot() {
        return new Traffic(active.get(), connections.sum(), inPackets.sum(), outPackets.sum(), inBytes.sum(),
                outBytes.sum(), rates.current());
    }

    void tick(long nanos) {
        rates.sample(nanos, connections.sum(), inPackets.sum(), outPackets.sum(), inBytes.sum(), outBytes.sum());
    }
}
