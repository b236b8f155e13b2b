package io.keepalived4j.daemon;

import io.keepalived4j.os.ArpPacket;
import io.keepalived4j.os.ReceivedPacket;
import io.keepalived4j.os.VrrpSocketOptions;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.LinkListener;
import io.keepalived4j.os.netlink.NetworkStack;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory host for the daemon's in-process tests: its interfaces and addresses live in a
 * {@link FakeKernel}, its VRRP sockets are attached to a {@link FakeLan}, ARP and link events are
 * injected by the test, and everything it opened is counted so a test can see nothing leaked.
 * A test can make one kind of open fail (a start-up that breaks half-way).
 */
final class FakeHost implements HostOs {

    private final String name;
    private final FakeLan lan;
    private final FakeKernel kernel = new FakeKernel();
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private final List<LinkedBlockingQueue<ArpPacket>> arp = new CopyOnWriteArrayList<>();
    private final List<LinkedBlockingQueue<Link>> linkEvents = new CopyOnWriteArrayList<>();
    private final List<String> announcements = new CopyOnWriteArrayList<>();
    private final Map<String, String> sysctls = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private volatile boolean connected = true;

    private record Receiver(VrrpSocketOptions options, LinkedBlockingQueue<ReceivedPacket> queue) {
    }

    FakeHost(String name, FakeLan lan) {
        this.name = name;
        this.lan = lan;
        lan.attach(this);
    }

    /** Adds interface {@code iface} with an IPv4 address, e.g. "10.0.0.1/24". */
    FakeHost withInterface(String iface, String prefix) {
        int index = kernel.addInterface(iface, 0x02_6b_00_00_00_00L | (name.hashCode() & 0xffff));
        kernel.addAddress(index, prefix);
        return this;
    }

    String name() {
        return name;
    }

    FakeKernel kernel() {
        return kernel;
    }

    /** Makes the next open of this kind throw: "network", "vrrp", "arp", "announcer", "links". */
    void failOpen(String kind) {
        failing.add(kind);
    }

    /** Host death as the peer sees it: nothing in or out. */
    void disconnect() {
        connected = false;
    }

    boolean connected() {
        return connected;
    }

    /** How many channels and handles are open now (0 after a clean stop). */
    int openChannels() {
        return open.get();
    }

    List<String> announcements() {
        return List.copyOf(announcements);
    }

    Map<String, String> sysctls() {
        return Map.copyOf(sysctls);
    }

    void injectArp(ArpPacket p) {
        arp.forEach(q -> q.add(p));
    }

    void injectLink(Link l) {
        linkEvents.forEach(q -> q.add(l));
    }

    void deliver(boolean ipv6, ReceivedPacket p, InetAddress destination) {
        for (Receiver r : receivers) {
            if (r.options().ipv6() != ipv6) {
                continue;
            }
            boolean wanted = destination.isMulticastAddress() ? r.options().joinGroup() : ownsAddress(destination);
            if (wanted) {
                r.queue().add(p);
            }
        }
    }

    private boolean ownsAddress(InetAddress a) {
        return kernel.addressList().stream().anyMatch(x -> x.prefix().address().equals(a));
    }

    private void check(String kind) throws IOException {
        if (failing.remove(kind)) {
            throw new IOException("injected: cannot open " + kind + " on " + name);
        }
    }

    @Override
    public NetworkStack openNetwork() throws IOException {
        check("network");
        open.incrementAndGet();
        return kernel.handle(open::decrementAndGet);
    }

    @Override
    public Optional<InetAddress> primaryIpv4(String iface) {
        int index = kernel.linkList().stream().filter(l -> l.name().equals(iface)).findFirst()
                .map(Link::index).orElse(-1);
        return kernel.addressList().stream().filter(a -> a.ifindex() == index)
                .map(a -> a.prefix().address()).filter(a -> a instanceof Inet4Address).findFirst();
    }

    @Override
    public Optional<InetAddress> ipv6LinkLocal(String iface) {
        return Optional.empty();
    }

    @Override
    public List<byte[]> localMacs() {
        List<byte[]> macs = new ArrayList<>();
        for (Link l : kernel.linkList()) {
            l.mac().ifPresent(m -> macs.add(m.octets()));
        }
        return macs;
    }

    @Override
    public VrrpChannel openVrrp(VrrpSocketOptions options, boolean sendOnly) throws IOException {
        check("vrrp");
        Receiver r = new Receiver(options, new LinkedBlockingQueue<>());
        if (!sendOnly) {
            receivers.add(r);
        }
        open.incrementAndGet();
        return new VrrpChannel() {
            private volatile boolean closed;

            @Override
            public Optional<ReceivedPacket> receive(Duration timeout) throws IOException {
                if (closed) {
                    return Optional.empty();
                }
                try {
                    return Optional.ofNullable(r.queue().poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }

            @Override
            public void send(byte[] message, InetAddress destination) throws IOException {
                if (closed) {
                    throw new IOException("closed");
                }
                // The kernel's choice of source: the bound one, else the interface's (a VMAC has none:
                // the daemon binds its send socket to the parent's address then).
                InetAddress source = options.source().or(() -> primaryIpv4(options.interfaceName()))
                        .orElseThrow(() -> new IOException("no address on " + options.interfaceName()));
                lan.send(FakeHost.this, options.ipv6(), source, message, destination);
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    receivers.remove(r);
                    open.decrementAndGet();
                }
            }
        };
    }

    @Override
    public ArpChannel openArp(String iface, List<Inet4Address> vips) throws IOException {
        check("arp");
        LinkedBlockingQueue<ArpPacket> q = new LinkedBlockingQueue<>();
        arp.add(q);
        open.incrementAndGet();
        return new ArpChannel() {
            private volatile boolean closed;

            @Override
            public Optional<ArpPacket> receive(Duration timeout) {
                try {
                    return closed ? Optional.empty() : Optional.ofNullable(q.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }

            @Override
            public void probe(Inet4Address vip) {
                announcements.add("probe " + iface + " " + vip.getHostAddress());
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    arp.remove(q);
                    open.decrementAndGet();
                }
            }
        };
    }

    @Override
    public Announcer openAnnouncer(String iface, boolean ipv6) throws IOException {
        check("announcer");
        open.incrementAndGet();
        return new Announcer() {
            private boolean closed;

            @Override
            public void announce(InetAddress address) {
                announcements.add((ipv6 ? "na " : "garp ") + iface + " " + address.getHostAddress());
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }

    @Override
    public LinkEvents openLinkEvents() throws IOException {
        check("links");
        LinkedBlockingQueue<Link> q = new LinkedBlockingQueue<>();
        linkEvents.add(q);
        open.incrementAndGet();
        return new LinkEvents() {
            private volatile boolean closed;

            @Override
            public void poll(LinkListener listener) {
                try {
                    Link l = closed ? null : q.poll(100, TimeUnit.MILLISECONDS);
                    if (l != null) {
                        listener.onLink(l);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    linkEvents.remove(q);
                    open.decrementAndGet();
                }
            }
        };
    }

    @Override
    public void sysctl(String key, String value) {
        sysctls.put(key, value);
    }
}
