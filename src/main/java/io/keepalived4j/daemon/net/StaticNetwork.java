package io.keepalived4j.daemon.net;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpSection;
import io.keepalived4j.daemon.net.NetResult.Kind;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.LinkListener;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.RtScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * {@code static_ipaddress}, {@code static_routes} and {@code static_rules}: set at start, kept
 * while running, removed at stop, as keepalived 2.2.7 does (observed: after SIGTERM the static
 * address, route and rule are gone; older keepalived's {@code stop_vrrp()} "Clear static entries").
 *
 * <p>Kept: registered as a {@link io.keepalived4j.os.netlink.LinkMonitor} listener, it re-adds a static address the moment
 * the kernel reports it deleted, unless the line says {@code no_track}, logging keepalived's
 * "Restoring deleted static address 10.0.0.50/24 dev eth0 scope global set"
 * ({@code netlink_if_address_filter()} -> {@code reinstate_static_address()}). After lost
 * notifications ({@link #onResync()}) every tracked address is checked. The re-add runs on the
 * given executor (the daemon's event loop), not on the monitor's reader thread.
 *
 * <pre>{@code
 * StaticNetwork statics = StaticNetwork.of(config, rt, eventLoop);
 * statics.apply();
 * LinkMonitor monitor = LinkMonitor.start(statics);   // or fan out from the daemon's listener
 * ...
 * statics.remove();                                  // at stop
 * }</pre>
 */
public final class StaticNetwork implements LinkListener {

    private static final Logger LOG = LoggerFactory.getLogger(StaticNetwork.class);

    /** A static address being kept, with the interface name for the log line. */
    private record Kept(AddressSpec spec, String device) {
    }

    private final VrrpSection vrrp;
    private final String defaultInterface;
    private final NetworkStack rt;
    private final InterfaceIndex index;
    private final Executor executor;
    private final KernelWriter kernel;
    /** Replaced whole (empty before apply and after remove), read by the monitor thread. */
    private volatile List<Kept> kept = List.of();
    /** Static routes with an interface, restored when it comes back up; replaced whole like {@link #kept}. */
    private volatile List<RouteSpec> keptRoutes = List.of();
    /** Last IFF_UP seen per ifindex, to tell a link coming up from any other link change. */
    private final Map<Integer, Boolean> linkUp = new ConcurrentHashMap<>();

    private StaticNetwork(VrrpSection vrrp, String defaultInterface, NetworkStack rt, InterfaceIndex index, Executor executor) {
        this.vrrp = vrrp;
        this.defaultInterface = defaultInterface;
        this.rt = rt;
        this.index = index;
        this.executor = executor;
        this.kernel = new KernelWriter(rt, "");
    }

    /** Static addresses without {@code dev} go on {@code default_interface} (eth0). */
    public static StaticNetwork of(KeepalivedConfig config, NetworkStack rt, Executor executor) {
        return of(config.vrrp(), config.global().defaultInterface(), rt, InterfaceIndex.live(rt), executor);
    }

    public static StaticNetwork of(VrrpSection vrrp, String defaultInterface, NetworkStack rt, InterfaceIndex index,
                                   Executor executor) {
        return new StaticNetwork(vrrp, defaultInterface, rt, index, executor);
    }

    /** Adds addresses, then routes, then rules; present ones count as present. Starts keeping. */
    public List<NetResult> apply() {
        InterfaceIndex pass = index.memoized();
        List<NetResult> results = new ArrayList<>();
        List<Kept> keep = new ArrayList<>();
        for (VirtualAddress va : vrrp.staticAddresses()) {
            Conversion<AddressSpec> c = AddressConversion.toSpec(va, defaultInterface, pass);
            results.add(kernel.addAddress(Kind.STATIC_ADDRESS, c));
            if (c instanceof Conversion.Ok<AddressSpec> ok && !va.options().contains("no_track")) {
                keep.add(new Kept(ok.value(), va.device().isEmpty() ? defaultInterface : va.device()));
            }
        }
        kept = List.copyOf(keep);
        List<RouteSpec> routes = new ArrayList<>();
        for (StaticRoute r : vrrp.staticRoutes()) {
            Conversion<RouteSpec> c = RouteConversion.toSpec(r, pass);
            results.add(kernel.addRoute(Kind.STATIC_ROUTE, c));
            if (c instanceof Conversion.Ok<RouteSpec> ok && ok.value().ifindex() > 0 && !r.text().contains("no_track")) {
                routes.add(ok.value());
            }
        }
        keptRoutes = List.copyOf(routes);
        for (StaticRule r : vrrp.staticRules()) {
            results.add(kernel.addRule(Kind.STATIC_RULE, RuleConversion.toSpec(r)));
        }
        return results;
    }

    /** At stop: stops keeping first (so our own deletes are not undone), then rules, routes, addresses. */
    public List<NetResult> remove() {
        kept = List.of();
        keptRoutes = List.of();
        InterfaceIndex pass = index.memoized();
        List<NetResult> results = new ArrayList<>();
        for (StaticRule r : vrrp.staticRules()) {
            results.add(kernel.deleteRule(Kind.STATIC_RULE, RuleConversion.toSpec(r)));
        }
        for (StaticRoute r : vrrp.staticRoutes()) {
            results.add(kernel.deleteRoute(Kind.STATIC_ROUTE, RouteConversion.toSpec(r, pass)));
        }
        for (VirtualAddress va : vrrp.staticAddresses()) {
            results.add(kernel.deleteAddress(Kind.STATIC_ADDRESS, AddressConversion.toSpec(va, defaultInterface, pass)));
        }
        return results;
    }

    /**
     * Taking a link down flushes its routes (the kernel's fib_disable_ip); keepalived restores
     * the static addresses and routes of an interface when it comes back up (observed 2.2.7:
     * "Restoring deleted static address ..." and "Restoring deleted static route ..." after
     * {@code ip link set IF up}; {@code static_track_group_reinstate_config()}).
     */
    @Override
    public void onLink(Link link) {
        Boolean before = linkUp.put(link.index(), link.up());
        if (Boolean.FALSE.equals(before) && link.up()) {
            executor.execute(() -> reinstateOn(link.index()));
        }
    }

    @Override
    public void onLinkRemoved(Link link) {
        linkUp.remove(link.index());
    }

    @Override
    public void onAddress(boolean added, InterfaceAddress address) {
        if (added) {
            return;
        }
        for (Kept k : kept) {
            if (KernelWriter.sameAddress(k.spec(), address)) {
                executor.execute(() -> reinstate(k));
                return;
            }
        }
    }

    @Override
    public void onResync() {
        executor.execute(this::reinstateMissing);
    }

    private void reinstateMissing() {
        try {
            List<InterfaceAddress> present = rt.addresses();
            for (Kept k : kept) {
                if (present.stream().noneMatch(a -> KernelWriter.sameAddress(k.spec(), a))) {
                    reinstate(k);
                }
            }
        } catch (NetlinkException e) {
            LOG.warn("cannot check static addresses after a netlink resync: {}", e.getMessage());
        }
    }

    private void reinstateOn(int ifindex) {
        for (Kept k : kept) {
            if (k.spec().ifindex() == ifindex) {
                reinstate(k);
            }
        }
        for (RouteSpec r : keptRoutes) {
            if (r.ifindex() == ifindex) {
                NetResult result = kernel.addRoute(Kind.STATIC_ROUTE, Conversion.ok(r));
                LOG.info("Restoring deleted static route {}{}", result.item(), result.ok() ? "" : " failed");
            }
        }
    }

    private void reinstate(Kept k) {
        if (!kept.contains(k)) {
            return; // removed at stop since the event was queued
        }
        NetResult r = kernel.addAddress(Kind.STATIC_ADDRESS, Conversion.ok(k.spec()));
        AddressSpec s = k.spec();
        LOG.info("Restoring deleted static address {} dev {} scope {}{}{}", s.prefix(), k.device(),
                RtScope.name(s.scope()), s.label().map(l -> " label " + l).orElse(""),
                r.ok() ? " set" : "");
    }
}
