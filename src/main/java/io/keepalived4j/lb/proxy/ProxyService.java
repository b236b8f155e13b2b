package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.persist.Binding;
import io.keepalived4j.lb.persist.PersistencePolicy;
import io.keepalived4j.lb.persist.PersistenceTable;
import io.keepalived4j.lb.sched.SchedRequest;
import io.keepalived4j.lb.sched.Scheduler;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * One proxied virtual server: its listening sockets, its destinations in the order the pool gave
 * them (oldest first, as {@link Scheduler#update} wants), the scheduler over them, its persistence
 * templates, its counters. Destination changes come from the pool's thread; picks come from the
 * event loops: the destination list is republished whole on every change.
 */
final class ProxyService {

    /** What a new connection goes to, and the persistence template it went through, if any. */
    record Choice(Backend backend, Binding binding) {
    }

    /** Replaced whole by a reload ({@link #reconfigure}); read by the event loops. */
    volatile VirtualServer vs;
    final String name;
    final TrafficCounters counters = new TrafficCounters();
    /** Connections (flows) that found no destination: IPVS answers them with a reset. */
    final LongAdder noDestination = new LongAdder();
    /** Connect attempts to a real server that failed or timed out (each retried or given up). */
    final LongAdder connectFailures = new LongAdder();
    final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private volatile Scheduler<Backend> scheduler;
    /** Null when the service is not persistent. */
    private volatile PersistenceTable persistence;
    private final PersistenceTable table;
    private final Map<Destination, Backend> backends = new LinkedHashMap<>();
    private volatile List<Backend> current = List.of();
    private volatile Map<InetSocketAddress, Backend> byAddress = Map.of();

    ProxyService(VirtualServer vs, PersistenceTable persistence) {
        this.vs = vs;
        this.name = vs.describe();
        this.scheduler = Scheduler.create(vs.scheduler(), vs.flags());
        this.table = persistence;
        this.persistence = vs.persistence().persistent() ? persistence : null;
        if (this.persistence != null) {
            this.persistence.addService(name, PersistencePolicy.of(vs));
        }
    }

    /**
     * A reload changed the virtual server (same name and listening addresses): a new scheduler
     * over the destinations there are now, the new persistence policy (the templates stay when it
     * is unchanged). The destinations themselves follow from the pool.
     */
    synchronized void reconfigure(VirtualServer next) {
        VirtualServer before = vs;
        vs = next;
        if (!before.scheduler().equals(next.scheduler()) || !before.flags().equals(next.flags())) {
            Scheduler<Backend> fresh = Scheduler.create(next.scheduler(), next.flags());
            fresh.update(current);
            scheduler = fresh;
        }
        boolean was = persistence != null;
        boolean now = next.persistence().persistent();
        if (was && (!now || !PersistencePolicy.of(before).equals(PersistencePolicy.of(next)))) {
            table.removeService(name);
            persistence = null;
        }
        if (now && persistence == null) {
            table.addService(name, PersistencePolicy.of(next));
            for (Backend b : current) {
                table.setDestination(name, b.socketAddress, b.weight());
            }
            persistence = table;
        }
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
        if (persistence != null) {
            persistence.setDestination(name, b.socketAddress, w);
        }
        publish();
    }

    synchronized void removeDestination(Destination d) {
        Backend b = backends.remove(d);
        if (b != null) {
            b.markRemoved(true);
            if (persistence != null) {
                persistence.removeDestination(name, b.socketAddress);
            }
            publish();
        }
    }

    private void publish() {
        current = List.copyOf(backends.values());
        Map<InetSocketAddress, Backend> m = new LinkedHashMap<>();
        current.forEach(b -> m.put(b.socketAddress, b));
        byAddress = Map.copyOf(m);
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
     * {@code tried} (the ones that already failed to connect for it): the client's persistence
     * template if it has a usable one, else the scheduler's choice (bound to a new template on a
     * persistent service), else, on a retry, the first other destination that takes connections.
     */
    Optional<Choice> pick(InetSocketAddress client, InetSocketAddress local, Set<Backend> tried) {
        long now = System.nanoTime();
        if (persistence != null) {
            Optional<Binding> existing = persistence.lookup(name, client.getAddress(), now);
            if (existing.isPresent()) {
                Backend b = byAddress.get(existing.get().destination());
                if (b != null && !tried.contains(b) && !b.removed()) {
                    persistence.connectionOpened(existing.get());
                    return Optional.of(new Choice(b, existing.get()));
                }
                persistence.drop(existing.get());
            }
        }
        SchedRequest r = new SchedRequest(client.getAddress(), client.getPort(), local.getAddress(), local.getPort());
        Optional<Backend> picked = scheduler.pick(r);
        if (picked.isPresent() && tried.contains(picked.get())) {
            picked = current.stream().filter(x -> !tried.contains(x) && x.weight() > 0 && !x.overloaded()).findFirst();
        }
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        Backend b = picked.get();
        if (persistence != null) {
            Optional<Binding> bound = persistence.bind(name, client.getAddress(), b.socketAddress, now);
            if (bound.isPresent()) {
                // A concurrent connection of the same client may have bound first: follow it.
                Backend winner = byAddress.getOrDefault(bound.get().destination(), b);
                persistence.connectionOpened(bound.get());
                return Optional.of(new Choice(winner, bound.get()));
            }
        }
        return Optional.of(new Choice(b, null));
    }

    /** The connection (flow) of {@code choice} ended: its template may start to age. */
    void released(Choice choice) {
        if (choice.binding() != null) {
            persistence.connectionClosed(choice.binding(), System.nanoTime());
        }
    }

    /** The connection of {@code choice} could not be established: its template, if any, is dropped. */
    void failed(Choice choice) {
        connectFailures.increment();
        if (choice.binding() != null) {
            persistence.connectionClosed(choice.binding(), System.nanoTime());
            persistence.drop(choice.binding());
        }
    }

    void close() {
        if (persistence != null) {
            persistence.removeService(name);
        }
    }

    /** The destinations now, in the pool's order (a published, unchangeable list). */
    List<Backend> backends() {
        return current;
    }

    /** A connection (UDP: a flow) to {@code b} is established: counted on the server and the service. */
    void opened(Backend b) {
        b.opened();
        counters.active.incrementAndGet();
        counters.connections.increment();
    }

    /** The connection (flow) to {@code b} ended. */
    void closed(Backend b) {
        b.closed();
        counters.active.decrementAndGet();
    }

    /** {@code bytes} read from the client toward {@code b} (IPVS's "in" direction). */
    void countIn(Backend b, int bytes) {
        counters.inBytes.add(bytes);
        counters.inPackets.increment();
        b.counters.inBytes.add(bytes);
        b.counters.inPackets.increment();
    }

    /** {@code bytes} read from {@code b} toward the client. */
    void countOut(Backend b, int bytes) {
        counters.outBytes.add(bytes);
        counters.outPackets.increment();
        b.counters.outBytes.add(bytes);
        b.counters.outPackets.increment();
    }
}
