package io.keepalived4j.os.netlink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rtnetlink operations keepalived needs: VIPs, links, routes, rules and VMAC macvlans, over
 * one request socket. Methods are synchronized, so the daemon's threads may share one instance.
 *
 * <pre>{@code
 * try (RtNetlink rt = RtNetlink.open()) {
 *     int eth0 = rt.link("eth0").orElseThrow().index();
 *     try {
 *         rt.addAddress(AddressSpec.of(Prefix.parse("192.0.2.10/24"), eth0).withBroadcastPlus());
 *     } catch (NetlinkException e) {
 *         if (!e.alreadyExists()) throw e;  // keepalived logs and carries on
 *     }
 * }
 * }</pre>
 */
public final class RtNetlink implements NetworkStack {

    private final NetlinkSocket socket;

    /**
     * How long one request may wait for the kernel's answer. The kernel always answers; the bound is
     * for the daemon's stop path, which must end in a known time whatever happens.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    /** Interface names are at most 15 bytes plus the NUL. */
    private static final int IFNAMSIZ = 16;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Operates in this process's network namespace. */
    public static RtNetlink open() throws NetlinkException {
        return bounded(NetlinkSocket.open(0));
    }

    /** Operates in the namespace of {@code netnsFile}, e.g. {@code /run/netns/NAME}. */
    public static RtNetlink openInNamespace(Path netnsFile) throws NetlinkException {
        return bounded(NetlinkSocket.openInNamespace(netnsFile, 0));
    }

    private static RtNetlink bounded(NetlinkSocket socket) throws NetlinkException {
        try {
            socket.receiveTimeout(ANSWER_TIMEOUT);
            return new RtNetlink(socket);
        } catch (NetlinkException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** @throws NetlinkException EEXIST ({@link NetlinkException#alreadyExists()}) when it is there */
    @Override
    public synchronized void addAddress(AddressSpec spec) throws NetlinkException {
        socket.ack(AddressMessages.add(spec), "add address " + spec);
    }

    /** @throws NetlinkException EADDRNOTAVAIL ({@link NetlinkException#notFound()}) when it is not there */
    @Override
    public synchronized void deleteAddress(AddressSpec spec) throws NetlinkException {
        socket.ack(AddressMessages.delete(spec), "delete address " + spec);
    }

    /** All addresses of every interface, IPv4 and IPv6. */
    @Override
    public synchronized List<InterfaceAddress> addresses() throws NetlinkException {
        List<InterfaceAddress> all = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(AddressMessages.dump(AddressFamily.AF_UNSPEC), "dump addresses")) {
            if (m.header().type() == NlMsgType.RTM_NEWADDR) {
                all.add(AddressMessages.decode(m));
            }
        }
        return all;
    }

    @Override
    public synchronized List<Link> links() throws NetlinkException {
        List<Link> all = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(LinkMessages.dump(), "dump links")) {
            if (m.header().type() == NlMsgType.RTM_NEWLINK) {
                all.add(LinkMessages.decode(m));
            }
        }
        return all;
    }

    /** One GET, not a dump: the kernel looks the name up. */
    @Override
    public synchronized Optional<Link> link(String name) throws NetlinkException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= IFNAMSIZ) {
            return Optional.empty(); // no interface has it (the kernel would refuse the attribute)
        }
        return single(LinkMessages.get(name), "get link " + name);
    }

    @Override
    public synchronized Optional<Link> link(int index) throws NetlinkException {
        return single(LinkMessages.get(index), "get link " + index);
    }

    private Optional<Link> single(NetlinkRequest request, String operation) throws NetlinkException {
        try {
            for (NetlinkMessage m : socket.request(request, operation)) {
                if (m.header().type() == NlMsgType.RTM_NEWLINK) {
                    return Optional.of(LinkMessages.decode(m));
                }
            }
            return Optional.empty();
        } catch (NetlinkException e) {
            if (e.errno() == NetlinkException.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public synchronized void setLinkUp(int index, boolean up) throws NetlinkException {
        socket.ack(LinkMessages.setUp(index, up), "set link " + index + (up ? " up" : " down"));
    }

    /** Creates the macvlan, up, and returns it as the kernel now reports it. */
    @Override
    public Link createMacvlan(MacvlanSpec spec) throws NetlinkException {
        synchronized (this) {
            socket.ack(LinkMessages.createMacvlan(spec, true), "add link " + spec.name() + " type macvlan");
        }
        return link(spec.name()).orElseThrow(() -> new NetlinkException(NetlinkException.ENODEV,
                "macvlan " + spec.name() + " vanished after creation", Optional.empty()));
    }

    @Override
    public synchronized void deleteLink(int index) throws NetlinkException {
        socket.ack(LinkMessages.delete(index), "delete link " + index);
    }

    @Override
    public synchronized void deleteLink(String name) throws NetlinkException {
        socket.ack(LinkMessages.delete(name), "delete link " + name);
    }

    /** @throws NetlinkException EEXIST when an identical route is there */
    @Override
    public synchronized void addRoute(RouteSpec spec) throws NetlinkException {
        socket.ack(RouteMessages.add(spec), "add route " + spec);
    }

    /** @throws NetlinkException ESRCH when no such route exists */
    @Override
    public synchronized void deleteRoute(RouteSpec spec) throws NetlinkException {
        socket.ack(RouteMessages.delete(spec), "delete route " + spec);
    }

    /** @throws NetlinkException EEXIST when an identical rule is there */
    @Override
    public synchronized void addRule(RuleSpec spec) throws NetlinkException {
        socket.ack(RuleMessages.add(spec), "add rule " + spec);
    }

    /** @throws NetlinkException ENOENT when no such rule exists */
    @Override
    public synchronized void deleteRule(RuleSpec spec) throws NetlinkException {
        socket.ack(RuleMessages.delete(spec), "delete rule " + spec);
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
