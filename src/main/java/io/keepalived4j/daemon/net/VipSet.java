package io.keepalived4j.daemon.net;

import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.NetResult.Kind;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetworkStack;

import org.slf4j.helpers.NOPLogger;

import java.util.ArrayList;
import java.util.List;

/**
 * What one VRRP instance puts on the interfaces while MASTER: its {@code virtual_ipaddress},
 * {@code virtual_ipaddress_excluded}, {@code virtual_routes} and {@code virtual_rules}.
 *
 * <p>Order, as keepalived 2.2.7 does it (observed: "setting VIPs.", "setting E-VIPs.", "setting
 * Virtual Routes", "setting Virtual Rules"; on leaving "removing Virtual Rules", "removing Virtual
 * Routes", "removing VIPs.", "removing E-VIPs."): routes may need the VIPs as source or gateway
 * subnet, and rules point at the routes' tables. Both passes are idempotent and never throw: each
 * address, route or rule yields a {@link NetResult}; failures are logged here with the instance
 * prefix, the section lines ({@link #settingLines()}) are the caller's to log.
 *
 * <pre>{@code
 * VipSet vips = VipSet.of(instance, rt);
 * vips.settingLines().forEach(LOG::info);
 * List<NetResult> r = vips.add();
 * }</pre>
 */
public final class VipSet {

    private final VrrpInstance instance;
    private final InterfaceIndex index;
    private final KernelWriter kernel;
    private final NetworkStack rt;

    private VipSet(VrrpInstance instance, NetworkStack rt, InterfaceIndex index, KernelWriter kernel) {
        this.instance = instance;
        this.rt = rt;
        this.index = index;
        this.kernel = kernel;
    }

    /** Interfaces are looked up in the kernel on every pass, so a VMAC created later is found. */
    public static VipSet of(VrrpInstance instance, NetworkStack rt) {
        return of(instance, rt, InterfaceIndex.live(rt));
    }

    public static VipSet of(VrrpInstance instance, NetworkStack rt, InterfaceIndex index) {
        return new VipSet(instance, rt, index, new KernelWriter(rt, "(" + instance.name() + ") "));
    }

    public VrrpInstance instance() {
        return instance;
    }

    /** Adds VIPs, E-VIPs, virtual routes, virtual rules; what is already there counts as present. */
    public List<NetResult> add() {
        InterfaceIndex pass = index.memoized();
        List<NetResult> results = new ArrayList<>();
        for (VirtualAddress va : instance.virtualAddresses()) {
            results.add(kernel.addAddress(Kind.VIP, address(va, pass)));
        }
        for (VirtualAddress va : instance.excludedAddresses()) {
            results.add(kernel.addAddress(Kind.EXCLUDED_VIP, address(va, pass)));
        }
        for (StaticRoute r : instance.virtualRoutes()) {
            results.add(kernel.addRoute(Kind.VIRTUAL_ROUTE, RouteConversion.toSpec(r, pass)));
        }
        for (StaticRule r : instance.virtualRules()) {
            results.add(kernel.addRule(Kind.VIRTUAL_RULE, RuleConversion.toSpec(r)));
        }
        return results;
    }

    /**
     * The add pass once, with every request encoded and none sent, nothing logged: run at start, so
     * that a first takeover does not spend milliseconds loading and linking the code of this pass
     * (lambdas, type switches, the request encoders) between its first advert and its VIPs. The
     * interfaces are looked up as the real pass does.
     */
    public void rehearseAdd() {
        NetworkStack dry = new EncodingOnlyStack();
        new VipSet(instance, dry, index, new KernelWriter(dry, "", NOPLogger.NOP_LOGGER)).add();
    }

    /** Removes virtual rules, routes, VIPs, E-VIPs; what is already gone counts as absent. */
    public List<NetResult> remove() {
        InterfaceIndex pass = index.memoized();
        List<NetResult> results = new ArrayList<>();
        for (StaticRule r : instance.virtualRules()) {
            results.add(kernel.deleteRule(Kind.VIRTUAL_RULE, RuleConversion.toSpec(r)));
        }
        for (StaticRoute r : instance.virtualRoutes()) {
            results.add(kernel.deleteRoute(Kind.VIRTUAL_ROUTE, RouteConversion.toSpec(r, pass)));
        }
        for (VirtualAddress va : instance.virtualAddresses()) {
            results.add(kernel.deleteAddress(Kind.VIP, address(va, pass)));
        }
        for (VirtualAddress va : instance.excludedAddresses()) {
            results.add(kernel.deleteAddress(Kind.EXCLUDED_VIP, address(va, pass)));
        }
        return results;
    }

    /**
     * The VIPs and E-VIPs (in configuration order) that are on their interface now, matched by
     * interface, address and prefix length.
     */
    public List<VirtualAddress> holds() throws NetlinkException {
        List<InterfaceAddress> present = rt.addresses();
        InterfaceIndex pass = index.memoized();
        List<VirtualAddress> held = new ArrayList<>();
        for (VirtualAddress va : allAddresses()) {
            if (address(va, pass) instanceof Conversion.Ok<AddressSpec> ok
                    && present.stream().anyMatch(a -> KernelWriter.sameAddress(ok.value(), a))) {
                held.add(va);
            }
        }
        return held;
    }

    /** keepalived's lines when it becomes MASTER, for the sections this instance has. */
    public List<String> settingLines() {
        return lines("setting");
    }

    /** keepalived's lines when it leaves MASTER (and at startup), in its order. */
    public List<String> removingLines() {
        return lines("removing");
    }

    List<VirtualAddress> allAddresses() {
        List<VirtualAddress> all = new ArrayList<>(instance.virtualAddresses());
        all.addAll(instance.excludedAddresses());
        return all;
    }

    Conversion<AddressSpec> address(VirtualAddress va, InterfaceIndex pass) {
        return AddressConversion.toSpec(va, instance.interfaceName(), pass);
    }

    private List<String> lines(String verb) {
        String p = "(" + instance.name() + ") " + verb + " ";
        List<String> vips = new ArrayList<>();
        if (!instance.virtualAddresses().isEmpty()) {
            vips.add(p + "VIPs.");
        }
        if (!instance.excludedAddresses().isEmpty()) {
            vips.add(p + "E-VIPs.");
        }
        List<String> routing = new ArrayList<>();
        if (!instance.virtualRoutes().isEmpty()) {
            routing.add(p + "Virtual Routes");
        }
        if (!instance.virtualRules().isEmpty()) {
            routing.add(p + "Virtual Rules");
        }
        List<String> out = new ArrayList<>();
        if (verb.equals("setting")) {
            out.addAll(vips);
            out.addAll(routing);
        } else {
            out.addAll(routing.reversed());
            out.addAll(vips);
        }
        return out;
    }
}
