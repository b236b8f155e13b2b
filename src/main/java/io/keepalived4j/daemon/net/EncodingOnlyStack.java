package io.keepalived4j.daemon.net;

import io.keepalived4j.os.netlink.AddressMessages;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.MacvlanSpec;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.RouteMessages;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.RuleMessages;
import io.keepalived4j.os.netlink.RuleSpec;

import java.util.List;
import java.util.Optional;

/**
 * A network stack that encodes each address, route and rule request as {@link
 * io.keepalived4j.os.netlink.RtNetlink} would and sends nothing: every change "succeeds" and the
 * host is untouched. For {@link VipSet#rehearseAdd()}, which runs a takeover's VIP pass once at
 * start so that the real one does not pay for loading and linking its code. Reads see an empty host;
 * link changes are refused.
 */
final class EncodingOnlyStack implements NetworkStack {

    @Override
    public void addAddress(AddressSpec spec) {
        AddressMessages.add(spec).encode(1);
    }

    @Override
    public void deleteAddress(AddressSpec spec) {
        AddressMessages.delete(spec).encode(1);
    }

    @Override
    public void addRoute(RouteSpec spec) {
        RouteMessages.add(spec).encode(1);
    }

    @Override
    public void deleteRoute(RouteSpec spec) {
        RouteMessages.delete(spec).encode(1);
    }

    @Override
    public void addRule(RuleSpec spec) {
        RuleMessages.add(spec).encode(1);
    }

    @Override
    public void deleteRule(RuleSpec spec) {
        RuleMessages.delete(spec).encode(1);
    }

    @Override
    public List<InterfaceAddress> addresses() {
        return List.of();
    }

    @Override
    public List<Link> links() {
        return List.of();
    }

    @Override
    public Optional<Link> link(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<Link> link(int index) {
        return Optional.empty();
    }

    @Override
    public void setLinkUp(int index, boolean up) {
        throw new UnsupportedOperationException("a rehearsal changes no link");
    }

    @Override
    public Link createMacvlan(MacvlanSpec spec) {
        throw new UnsupportedOperationException("a rehearsal changes no link");
    }

    @Override
    public void deleteLink(int index) {
        throw new UnsupportedOperationException("a rehearsal changes no link");
    }

    @Override
    public void deleteLink(String name) {
        throw new UnsupportedOperationException("a rehearsal changes no link");
    }

    @Override
    public void close() {
    }
}
