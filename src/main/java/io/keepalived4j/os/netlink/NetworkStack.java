package io.keepalived4j.os.netlink;

import java.util.List;
import java.util.Optional;

/**
 * The kernel's network configuration as keepalived changes it: links, addresses, routes, rules and
 * VMAC macvlans. {@link RtNetlink} is the real one; the daemon's in-process tests use an in-memory
 * one, so VIP handling is tested without a kernel. Implementations are thread-safe.
 */
public interface NetworkStack extends AutoCloseable {

    /** @throws NetlinkException EEXIST ({@link NetlinkException#alreadyExists()}) when it is there */
    void addAddress(AddressSpec spec) throws NetlinkException;

    /** @throws NetlinkException EADDRNOTAVAIL ({@link NetlinkException#notFound()}) when it is not there */
    void deleteAddress(AddressSpec spec) throws NetlinkException;

    /** All addresses of every interface, IPv4 and IPv6. */
    List<InterfaceAddress> addresses() throws NetlinkException;

    /** The addresses of one interface. */
    default List<InterfaceAddress> addresses(int ifindex) throws NetlinkException {
        return addresses().stream().filter(a -> a.ifindex() == ifindex).toList();
    }

    List<Link> links() throws NetlinkException;

    default Optional<Link> link(String name) throws NetlinkException {
        return links().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    default Optional<Link> link(int index) throws NetlinkException {
        return links().stream().filter(l -> l.index() == index).findFirst();
    }

    void setLinkUp(int index, boolean up) throws NetlinkException;

    /** Creates the macvlan, up, and returns it as the kernel now reports it. */
    Link createMacvlan(MacvlanSpec spec) throws NetlinkException;

    void deleteLink(int index) throws NetlinkException;

    void deleteLink(String name) throws NetlinkException;

    /** @throws NetlinkException EEXIST when an identical route is there */
    void addRoute(RouteSpec spec) throws NetlinkException;

    /** @throws NetlinkException ESRCH when no such route exists */
    void deleteRoute(RouteSpec spec) throws NetlinkException;

    /** @throws NetlinkException EEXIST when an identical rule is there */
    void addRule(RuleSpec spec) throws NetlinkException;

    /** @throws NetlinkException ENOENT when no such rule exists */
    void deleteRule(RuleSpec spec) throws NetlinkException;

    @Override
    void close();
}
