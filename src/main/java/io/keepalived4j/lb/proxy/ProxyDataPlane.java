package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.model.lvs.Protocol;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;
import io.keepalived4j.lb.DataPlane;
import io.keepalived4j.lb.Destination;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The userspace load balancer: every TCP and UDP virtual server the pool adds is served by a
 * full proxy on Netty (native epoll), listening on the virtual address (IP_FREEBIND: a BACKUP
 * listens on a VIP it does not hold yet) and forwarding to the destinations the pool keeps, as
 * IPVS would schedule them. Weight 0 quiesces (no new connections, existing ones continue); a
 * removed destination drains. fwmark and SCTP services, and address ranges too large to listen
 * on, are IPVS-only: an error line at start and a counter, the rest runs.
 */
public final class ProxyDataPlane implements DataPlane {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyDataPlane.class);
    /** A virtual_server_group range expands to one listener per address; beyond this it is refused. */
    static final int MAX_GROUP_ADDRESSES = 256;
    /** Reading the other side stops above 64 KiB waiting to be written, and resumes below 32 KiB. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final ProxySettings settings;
    private final IoTransport transport;
    private final Map<String, VirtualServerGroup> groups = new LinkedHashMap<>();
    private final Map<String, ProxyService> services = new LinkedHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    /**
     * Descriptors the proxy's sockets may hold: a TCP connection takes two, a UDP flow one; beyond
     * the process's open-file limit minus the daemon's reserve, more are refused (counted) rather
     * than left to fail in accept(2) or socket(2).
     */
    private final AtomicInteger descriptors = new AtomicInteger();
    private final int descriptorBudget;
    private final AtomicInteger udpFlows = new AtomicInteger();
    /** Client connections refused because {@link ProxySettings#maxConnections()} were open. */
    final LongAdder refused = new LongAdder();
    /** Datagrams dropped: no room for another flow, or a new flow's queue was full. */
    final LongAdder udpDropped = new LongAdder();
    /** Connections closed by the idle timeout. */
    final LongAdder idleClosed = new LongAdder();
    /** Virtual servers the proxy cannot run (fwmark, SCTP, no port, too many addresses, bind failed). */
    final LongAdder unsupported = new LongAdder();
    /** Every persistent service's templates (one table: the sync carries them all). */
    private final io.keepalived4j.lb.persist.PersistenceTable persistence = new io.keepalived4j.lb.persist.PersistenceTable();
    private io.keepalived4j.lb.persist.PersistenceSync sync;
    private EventLoopGroup group;
    private ScheduledFuture<?> estimator;

    public ProxyDataPlane(List<VirtualServerGroup> groups, ProxySettings settings) {
        this(groups, settings, IoTransport.best());
    }

    ProxyDataPlane(List<VirtualServerGroup> groups, ProxySettings settings, IoTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.descriptorBudget = FdBudget.usable();
        groups.forEach(g -> this.groups.put(g.name(), g));
    }

    ProxySettings settings() {
        return settings;
    }

    IoTransport transport() {
        return transport;
    }

    private synchronized EventLoopGroup group() {
        if (group == null) {
            int threads = settings.ioThreads() > 0 ? settings.ioThreads() : Runtime.getRuntime().availableProcessors();
            group = transport.group(threads);
            estimator = group.next().scheduleAtFixedRate(this::tick, 2, 2, TimeUnit.SECONDS);
            LOG.info("Userspace proxy: {} event loop(s) on {}, at most {} connections", threads, transport.name(),
                    settings.maxConnections());
        }
        return group;
    }

    /**
     * Every 2 s on an event loop: the rate estimators and the persistence sweep. A periodic task
     * that throws is never run again, so nothing may escape (the estimator would freeze and the
     * templates stop expiring); a failure is logged and the next tick tries again.
     */
    private void tick() {
        try {
            long now = System.nanoTime();
            persistence.expire(now);
            for (ProxyService s : snapshotServices()) {
                s.counters.tick(now);
                s.backends().forEach(b -> b.counters.tick(now));
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            LOG.error("proxy estimator/persistence sweep failed: {}", t.toString(), t);
        }
    }

    private synchronized List<ProxyService> snapshotServices() {
        return new ArrayList<>(services.values());
    }

    @Override
    public synchronized void addService(VirtualServer vs) {
        String name = vs.describe();
        if (services.containsKey(name)) {
            return;
        }
        Optional<String> why = ProxyScope.refusal(vs, groups);
        if (why.isPresent()) {
            unsupported.increment();
            LOG.error("VS {}: {}", name, why.get());
            return;
        }
        ProxyService s = new ProxyService(vs, persistence);
        services.put(name, s);
        for (InetSocketAddress at : ProxyScope.listenAddresses(vs, groups)) {
            try {
                if (vs.protocol().orElseThrow() == Protocol.UDP) {
                    listenUdp(s, at);
                } else {
                    listenTcp(s, at);
                }
            } catch (RuntimeException e) {
                unsupported.increment();
                LOG.error("VS {}: cannot listen on {}: {}", name, at, e.getMessage() == null ? e : e.getMessage());
            }
        }
    }

    private void listenTcp(ProxyService s, InetSocketAddress at) {
        EventLoopGroup g = group();
        int copies = transport.epoll() ? Math.max(1, settings.ioThreads() > 0 ? settings.ioThreads()
                : Runtime.getRuntime().availableProcessors()) : 1;
        long idle = settings.tcpIdleTimeout().toMillis();
        for (int i = 0; i < copies; i++) {
            io.netty.channel.ChannelFuture bind = transport.server(g, copies > 1)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS),
                                    new TcpConnection(ProxyDataPlane.this, s, at));
                        }
                    })
                    .bind(at);
            s.listeners.add(bound(bind, at));
        }
        LOG.info("VS {}: listening on {} (tcp, {})", s.name, at, s.vs.scheduler());
    }

    private void listenUdp(ProxyService s, InetSocketAddress at) {
        UdpFlows flows = new UdpFlows(this, s);
        Channel ch = bound(transport.datagram().group(group()).handler(flows).bind(at), at);
        ch.closeFuture().addListener(f -> flows.closeAll());
        s.listeners.add(ch);
        LOG.info("VS {}: listening on {} (udp, {})", s.name, at, s.vs.scheduler());
    }

    /** The listening channel once bound; the bind is bounded, and a failure says why. */
    private static Channel bound(io.netty.channel.ChannelFuture bind, InetSocketAddress at) {
        if (!bind.awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            bind.channel().close();
            throw new IllegalStateException("binding " + at + " did not complete within 5 s");
        }
        if (!bind.isSuccess()) {
            Throwable cause = bind.cause();
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
        return bind.channel();
    }

    /**
     * A reload changed the virtual server: when it listens where it did, with the same protocol,
     * the service is changed in place (scheduler, persistence, real servers' limits) and keeps its
     * listening sockets and connections: no connection is refused while it changes. Otherwise
     * it is removed and added.
     */
    @Override
    public synchronized void replaceService(VirtualServer from, VirtualServer to) {
        ProxyService s = services.get(from.describe());
        if (s == null || !from.describe().equals(to.describe()) || !from.protocol().equals(to.protocol())
                || ProxyScope.refusal(to, groups).isPresent()
                || !ProxyScope.listenAddresses(from, groups).equals(ProxyScope.listenAddresses(to, groups))) {
            removeService(from);
            addService(to);
            return;
        }
        s.reconfigure(to);
        LOG.info("VS {}: changed in place, {} listening socket(s) kept ({})", s.name, s.listeners.size(), to.scheduler());
    }

    @Override
    public synchronized void removeService(VirtualServer vs) {
        ProxyService s = services.remove(vs.describe());
        if (s != null) {
            s.listeners.forEach(Channel::close);
            s.close();
        }
    }

    @Override
    public void setDestination(VirtualServer vs, Destination d, long weight) {
        ProxyService s = service(vs);
        if (s != null) {
            s.setDestination(d, weight);
        }
    }

    @Override
    public void removeDestination(VirtualServer vs, Destination d) {
        ProxyService s = service(vs);
        if (s != null) {
            s.removeDestination(d);
        }
    }

    /** The listening channels of {@code vs} now (tests: a reload keeps the same ones). */
    synchronized List<Channel> listeners(VirtualServer vs) {
        ProxyService s = services.get(vs.describe());
        return s == null ? List.of() : List.copyOf(s.listeners);
    }

    private synchronized ProxyService service(VirtualServer vs) {
        return services.get(vs.describe());
    }

    boolean admitConnection() {
        if (connections.incrementAndGet() > settings.maxConnections() | descriptors.addAndGet(2) > descriptorBudget) {
            connections.decrementAndGet();
            descriptors.addAndGet(-2);
            refused.increment();
            return false;
        }
        return true;
    }

    void releaseConnection() {
        connections.decrementAndGet();
        descriptors.addAndGet(-2);
    }

    boolean admitUdpFlow() {
        if (udpFlows.incrementAndGet() > settings.maxUdpFlows() | descriptors.incrementAndGet() > descriptorBudget) {
            udpFlows.decrementAndGet();
            descriptors.decrementAndGet();
            udpDropped.increment();
            return false;
        }
        return true;
    }

    void releaseUdpFlow() {
        udpFlows.decrementAndGet();
        descriptors.decrementAndGet();
    }

    @Override
    public java.util.Map<String, io.keepalived4j.lb.ServerConnections> connections() {
        java.util.Map<String, io.keepalived4j.lb.ServerConnections> out = new java.util.LinkedHashMap<>();
        for (ProxyTable.Service s : table().services()) {
            for (ProxyTable.Server b : s.servers()) {
                out.put(io.keepalived4j.lb.ServerConnections.key(s.name(), "[" + io.keepalived4j.config.model.IpText.of(
                        b.destination().address()) + "]:" + b.destination().port()),
                        new io.keepalived4j.lb.ServerConnections(b.traffic().active(), 0));
            }
        }
        return out;
    }

    /** The proxy's table and counters now, for {@code keepalived4j lvs} and the stats dump. */
    public ProxyTable table() {
        List<ProxyTable.Service> out = new ArrayList<>();
        for (ProxyService s : snapshotServices()) {
            List<ProxyTable.Server> servers = new ArrayList<>();
            for (Backend b : s.backends()) {
                servers.add(new ProxyTable.Server(b.destination, b.weight(), b.counters.snapshot()));
            }
            List<InetSocketAddress> at = s.listeners.stream().map(c -> (InetSocketAddress) c.localAddress())
                    .filter(java.util.Objects::nonNull).distinct().toList();
            out.add(new ProxyTable.Service(s.name, s.vs.protocol().map(Protocol::name).orElse("?"), s.vs.scheduler(),
                    s.vs.persistence().timeoutSeconds(), at, s.counters.snapshot(), s.noDestination.sum(),
                    s.connectFailures.sum(), servers));
        }
        return new ProxyTable(out, connections.get(), udpFlows.get(), refused.sum(), udpDropped.sum(),
                idleClosed.sum(), unsupported.sum());
    }

    /**
     * Sends and receives the persistence templates to and from the other directors
     * ({@code lvs_sync_daemon}), so that a client reconnecting through another director after a
     * failover reaches the same real server. {@code onFailure} hears a sync that gave up.
     */
    public synchronized void startSync(io.keepalived4j.lb.persist.SyncSettings settings,
                                       java.util.function.Consumer<String> onFailure) {
        if (sync != null) {
            throw new IllegalStateException("the persistence sync already runs");
        }
        try {
            sync = io.keepalived4j.lb.persist.PersistenceSync.start(persistence, settings, System::nanoTime, onFailure);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the persistence sync cannot open its socket on "
                    + settings.listen() + ": " + e.getMessage(), e);
        }
        LOG.info("Persistence sync: id {} on {} with {}", settings.syncId(), settings.listen(), settings.peers());
    }

    /** The persistence table (tests, status). */
    io.keepalived4j.lb.persist.PersistenceTable persistence() {
        return persistence;
    }

    @Override
    public void close() {
        EventLoopGroup g;
        synchronized (this) {
            if (sync != null) {
                sync.close();
                sync = null;
            }
            services.values().forEach(s -> s.listeners.forEach(Channel::close));
            services.clear();
            g = group;
            group = null;
            if (estimator != null) {
                estimator.cancel(false);
            }
        }
        if (g != null) {
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
