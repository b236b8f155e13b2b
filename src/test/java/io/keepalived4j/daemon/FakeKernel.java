package io.keepalived4j.daemon;

import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.IfInfoMsg;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.MacAddress;
import io.keepalived4j.os.netlink.MacvlanSpec;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.OperState;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.RuleSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host's network configuration in memory, what rtnetlink would show: links, addresses,
 * routes, rules. {@link #handle()} gives a {@link NetworkStack} on it; a test can make the next
 * handle's calls hang (a netlink socket stuck in the kernel) to exercise the daemon's stop path.
 */
final class FakeKernel {

    private final Map<Integer, Link> links = new LinkedHashMap<>();
    private final List<InterfaceAddress> addresses = new ArrayList<>();
    private final List<String> journal = new ArrayList<>();
    private final List<RouteSpec> routes = new ArrayList<>();
    private final List<RuleSpec> rules = new ArrayList<>();
    private final AtomicInteger nextIndex = new AtomicInteger(2);
    private final AtomicInteger handles = new AtomicInteger();
    private volatile int hangingHandle = -1;
    private final CountDownLatch release = new CountDownLatch(1);

    /** Adds an up, running Ethernet interface with this MAC; returns its index. */
    synchronized int addInterface(String name, long mac) {
        int index = nextIndex.getAndIncrement();
        links.put(index, new Link(index, name, IfInfoMsg.IFF_UP | IfInfoMsg.IFF_RUNNING | IfInfoMsg.IFF_LOWER_UP,
                OperState.UP, Optional.of(new MacAddress(mac)), 1500, 0, 0, Optional.of("veth")));
        return index;
    }

    synchronized void addAddress(int ifindex, String prefix) {
        addresses.add(new InterfaceAddress(ifindex, io.keepalived4j.os.netlink.Prefix.parse(prefix), 0, 0,
                Optional.empty(), Optional.empty()));
    }

    /** Calls through handle number {@code n} (0 is the first the daemon opens) hang until {@link #unhang()}. */
    void hangHandle(int n) {
        hangingHandle = n;
    }

    void unhang() {
        release.countDown();
    }

    /** Every address added ("+IFINDEX PREFIX") or deleted ("-IFINDEX PREFIX") through a handle, in order. */
    synchronized List<String> addressJournal() {
        return List.copyOf(journal);
    }

    /** The addresses on interface {@code name} now, as "a.b.c.d/len". */
    synchronized List<String> addressesOn(String name) {
        int index = links.values().stream().filter(l -> l.name().equals(name)).findFirst().map(Link::index).orElse(-1);
        return addresses.stream().filter(a -> a.ifindex() == index).map(a -> a.prefix().toString()).toList();
    }

    synchronized List<InterfaceAddress> addressList() {
        return List.copyOf(addresses);
    }

    synchronized List<Link> linkList() {
        return List.copyOf(links.values());
    }

    synchronized List<String> linkNames() {
        return links.values().stream().map(Link::name).toList();
    }

    synchronized List<RouteSpec> routes() {
        return List.copyOf(routes);
    }

    /** The next handle, as the daemon opens one (counted from 0); {@code onClose} runs at its first close. */
    NetworkStack handle(Runnable onClose) {
        return handle(handles.getAndIncrement(), onClose);
    }

    private NetworkStack handle(int number, Runnable onClose) {
        return new NetworkStack() {
            private void maybeHang() {
                if (number == hangingHandle) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void addAddress(AddressSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (addresses.stream().anyMatch(a -> a.ifindex() == spec.ifindex() && a.prefix().equals(spec.prefix()))) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.EEXIST, "add address");
                    }
                    addresses.add(new InterfaceAddress(spec.ifindex(), spec.prefix(), spec.scope(), 0, spec.broadcast(),
                            spec.label()));
                    journal.add("+" + spec.ifindex() + " " + spec.prefix());
                }
            }

            @Override
            public void deleteAddress(AddressSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (!addresses.removeIf(a -> a.ifindex() == spec.ifindex() && a.prefix().equals(spec.prefix()))) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.EADDRNOTAVAIL, "delete address");
                    }
                    journal.add("-" + spec.ifindex() + " " + spec.prefix());
                }
            }

            @Override
            public List<InterfaceAddress> addresses() {
                maybeHang();
                synchronized (FakeKernel.this) {
                    return List.copyOf(addresses);
                }
            }

            @Override
            public List<Link> links() {
                maybeHang();
                synchronized (FakeKernel.this) {
                    return List.copyOf(links.values());
                }
            }

            @Override
            public void setLinkUp(int index, boolean up) {
                maybeHang();
            }

            @Override
            public Link createMacvlan(MacvlanSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (links.values().stream().anyMatch(l -> l.name().equals(spec.name()))) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.EEXIST, "add link");
                    }
                    int index = nextIndex.getAndIncrement();
                    Link l = new Link(index, spec.name(), IfInfoMsg.IFF_UP | IfInfoMsg.IFF_RUNNING, OperState.UP,
                            Optional.of(spec.mac()), 1500, 0, spec.parentIndex(), Optional.of("macvlan"));
                    links.put(index, l);
                    return l;
                }
            }

            @Override
            public void deleteLink(int index) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (links.remove(index) == null) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.ENODEV, "delete link");
                    }
                    addresses.removeIf(a -> a.ifindex() == index);
                }
            }

            @Override
            public void deleteLink(String name) throws NetlinkException {
                Optional<Link> l = link(name);
                if (l.isEmpty()) {
                    throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.ENODEV, "delete link");
                }
                deleteLink(l.get().index());
            }

            @Override
            public void addRoute(RouteSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (routes.contains(spec)) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.EEXIST, "add route");
                    }
                    routes.add(spec);
                }
            }

            @Override
            public void deleteRoute(RouteSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (!routes.remove(spec)) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.ESRCH, "delete route");
                    }
                }
            }

            @Override
            public void addRule(RuleSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (rules.contains(spec)) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.EEXIST, "add rule");
                    }
                    rules.add(spec);
                }
            }

            @Override
            public void deleteRule(RuleSpec spec) throws NetlinkException {
                maybeHang();
                synchronized (FakeKernel.this) {
                    if (!rules.remove(spec)) {
                        throw io.keepalived4j.os.netlink.FakeNetlink.error(NetlinkException.ENOENT, "delete rule");
                    }
                }
            }

            private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void close() {
                if (!closed.getAndSet(true)) {
                    onClose.run();
                }
            }
        };
    }
}
