package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.sched.SchedRequest;
import io.keepalived4j.lb.sched.Scheduler;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * One proxied virtual server: its listening sockets, its destinations in the order the pool gave
 * them, the scheduler over them, its counters. Destination changes come from the pool's thread;
 * picks come from the event loops: the destination list is republished whole on every change.
 */
final class ProxyService {

    final VirtualServer vs;
    final String name;
    final TrafficCounters counters = new TrafficCounters();
    /** Connections (flows) that found no destination: IPVS answers them with a reset. */
    final LongAdder noDestination = new LongAdder();
    /** Connect attempts to a real server that failed or timed out (each retried or given up). */
    final LongAdder connectFailures = new LongAdder();
    final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final Scheduler<Backend> scheduler;
    private final Stickiness stickiness;
    private final Map<Destination, Backend> backends = new LinkedHashMap<>();
    private volatile List<Backend> current = List.of();

    ProxyService(VirtualServer vs, Stickiness stickiness) {
        this.vs = vs;
        this.name = vs.describe();
        this.scheduler = Scheduler.create(vs.scheduler(), vs.flags());
        this.stickiness = stickiness;
    }

    synchronized void setDestination(Destination d, long weight) {
        int w = (int) Math.min(weight, Integer.MAX_VALUE);
        Backend b = backends.get(d);
        if (b == null) {
            RealServer rs = realServer(d);
            b = new Backend(d, w, rs == null ? 0 : rs.upperThreshold().orElse(0),
                    rs == null ? 0 : rs.lowerThreshold().orElse(0));
            backends.put(d, b);
        } else {
            b.weight(w);
        }
        publish();
    }

    synchronized void removeDestination(Destination d) {
        Backend b = backends.remove(d);
        if (b != null) {
            b.markRemoved(true);
            stickiness.forgetDestination(name, b);
            publish();
        }
    }

    private void publish() {
        current = List.copyOf(backends.values());
        scheduler.update(current);
    }

    private RealServer realServer(Destination d) {
        for (RealServer rs : vs.realServers()) {
            if (rs.address().equals(d.address()) && rs.port() == d.port()) {
                return rs;
            }
        }
        return null;
    }

    /**
     * A destination for a new connection from {@code client} to {@code local}, not one of
     * {@code tried} (the ones that already failed to connect for it): the persistent binding if
     * there is a usable one, else the scheduler's choice, else (on a retry) the first other
     * destination that takes connections.
     */
    Optional<Backend> pick(InetSocketAddress client, InetSocketAddress local, Set<Backend> tried) {
        Optional<Backend> sticky = stickiness.lookup(name, client.getAddress(), current);
        if (sticky.isPresent() && !tried.contains(sticky.get()) && !sticky.get().removed()) {
            return sticky;
        }
        SchedRequest r = new SchedRequest(client.getAddress(), client.getPort(), local.getAddress(), local.getPort());
        Optional<Backend> b = scheduler.pick(r);
        if (b.isPresent() && tried.contains(b.get())) {
            b = current.stream().filter(x -> !tried.contains(x) && x.weight() > 0 && !x.overloaded()).findFirst();
        }
        b.ifPresent(x -> stickiness.remember(name, client.getAddress(), x));
        return b;
    }

    /** The connection ended: a persistent binding may start its timeout now. */
    void released(InetSocketAddress client, Backend b) {
        stickiness.released(name, client.getAddress(), b);
    }

    /** A connection to {@code b} failed before any byte went through: its binding, if any, is dropped. */
    void failed(InetSocketAddress client, Backend b) {
        connectFailures.increment();
        stickiness.failed(name, client.getAddress(), b);
    }

    List<Backend> backends() {
        return current;
    }

    List<Backend> allBackendsForStats() {
        synchronized (this) {
            return new ArrayList<>(backends.values());
        }
    }
}
