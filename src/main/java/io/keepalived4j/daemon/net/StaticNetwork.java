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
import io.keepalived4j.os.netlink.RtNetlink;
import io.keepalived4j.os.netlink.RtScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
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
    private final RtNetlink rt;
    private final InterfaceIndex index;
    private final Executor executor;
    private final KernelWriter kernel;
    /** Replaced whole (empty before apply and after remove), read by the monitor thread. */
    private volatile List<Kept> kept = List.of();

    private StaticNetwork(VrrpSection vrrp, String defaultInterface, RtNetlink rt, InterfaceIndex index, Executor executor) {
        this.vrrp = vrrp;
        this.defaultInterface = defaultInterface;
        this.rt = rt;
        this.index = index;
        this.executor = executor;
        this.kernel = new KernelWriter(rt, "");
    }

    /** Static addresses without {@code dev} go on {@code default_interface} (eth0). */
    public static StaticNetwork of(KeepalivedConfig config, RtNetlink rt, Executor executor) {
        return of(config.vrrp(), config.global().defaultInterface(), rt, InterfaceIndex.live(rt), executor);
    }

    public static StaticNetwork of(VrrpSection vrrp, String defaultInterface, RtNetlink rt, InterfaceIndex index,
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
        for (StaticRoute r : vrrp.staticRoutes()) {
            results.add(kernel.addRoute(Kind.STATIC_ROUTE, RouteConversion.toSpec(r, pass)));
        }
        for (StaticRule r : vrrp.staticRules()) {
            results.add(kernel.addRule(Kind.STATIC_RULE, RuleConversion.toSpec(r)));
        }
        return results;
    }

    /** At stop: stops keeping first (so our own deletes are not undone), then rules, routes, addresses. */
    public List<NetResult> remove() {
        kept = List.of();
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

    @Override
    public void onLink(Link link) {
        // Static routes and addresses vanish with a deleted interface; keepalived re-adds them
        // when it returns (static_track_group_reinstate_config). Not done yet: see the report.
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
