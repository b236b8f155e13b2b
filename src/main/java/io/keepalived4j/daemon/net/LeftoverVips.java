package io.keepalived4j.daemon.net;

import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.daemon.net.NetResult.Kind;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.RuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Clears what a crashed earlier run (kill -9, OOM) left behind before the instances start, as
 * keepalived does at startup ("(VI_1) removing Virtual Rules", "... Virtual Routes", "... VIPs.",
 * "... E-VIPs." before "Entering BACKUP STATE (init)"): otherwise a node that comes back as
 * BACKUP still answers for the VIP and both nodes hold it (seed 004).
 *
 * <p>Only what exactly matches this configuration is touched: an address is deleted when an
 * address with the same interface, address and prefix length is there; routes and rules are
 * deleted by their full specification, so the kernel removes only an identical one. Anything
 * else on the interfaces stays.
 *
 * <pre>{@code
 * List<NetResult> r = LeftoverVips.remove(config.vrrp().instances(), rt, InterfaceIndex.live(rt));
 * }</pre>
 */
public final class LeftoverVips {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverVips.class);

    private LeftoverVips() {
    }

    /**
     * Logs keepalived's startup lines per instance and removes the leftovers.
     *
     * @return one result per configured item: REMOVED for a leftover, ALREADY_ABSENT otherwise
     * @throws NetlinkException only when the address dump itself fails (nothing was removed then)
     */
    public static List<NetResult> remove(List<VrrpInstance> instances, NetworkStack rt, InterfaceIndex index)
            throws NetlinkException {
        List<InterfaceAddress> present = rt.addresses();
        InterfaceIndex pass = index.memoized();
        List<NetResult> results = new ArrayList<>();
        for (VrrpInstance instance : instances) {
            VipSet.of(instance, rt, pass).removingLines().forEach(LOG::info);
            KernelWriter kernel = new KernelWriter(rt, "(" + instance.name() + ") ");
            for (StaticRule r : instance.virtualRules()) {
                Conversion<RuleSpec> c = RuleConversion.toSpec(r);
                results.add(skipUnconvertible(instance, Kind.VIRTUAL_RULE, c) ? absent(Kind.VIRTUAL_RULE, r.text())
                        : kernel.deleteRule(Kind.VIRTUAL_RULE, c));
            }
            for (StaticRoute r : instance.virtualRoutes()) {
                Conversion<RouteSpec> c = RouteConversion.toSpec(r, pass);
                results.add(skipUnconvertible(instance, Kind.VIRTUAL_ROUTE, c) ? absent(Kind.VIRTUAL_ROUTE, r.text())
                        : kernel.deleteRoute(Kind.VIRTUAL_ROUTE, c));
            }
            addresses(instance, instance.virtualAddresses(), Kind.VIP, present, pass, kernel, results);
            addresses(instance, instance.excludedAddresses(), Kind.EXCLUDED_VIP, present, pass, kernel, results);
        }
        return results;
    }

    private static void addresses(VrrpInstance instance, List<VirtualAddress> vips, Kind kind,
                                  List<InterfaceAddress> present, InterfaceIndex pass, KernelWriter kernel,
                                  List<NetResult> results) {
        for (VirtualAddress va : vips) {
            Conversion<AddressSpec> c = AddressConversion.toSpec(va, instance.interfaceName(), pass);
            if (skipUnconvertible(instance, kind, c)) {
                results.add(absent(kind, AddressConversion.text(va)));
                continue;
            }
            if (c instanceof Conversion.Ok<AddressSpec> ok
                    && present.stream().noneMatch(a -> KernelWriter.sameAddress(ok.value(), a))) {
                results.add(absent(kind, ok.value().toString()));
                continue;
            }
            NetResult r = kernel.deleteAddress(kind, c);
            if (r.outcome() == NetResult.Outcome.REMOVED) {
                LOG.debug("({}) removed leftover {}", instance.name(), r.item());
            }
            results.add(r);
        }
    }

    /**
     * A line that cannot be converted now (typically its interface, a VMAC say, does not exist
     * yet) cannot have left anything behind; its error is reported when the instance adds it.
     */
    private static boolean skipUnconvertible(VrrpInstance instance, Kind kind, Conversion<?> c) {
        if (c instanceof Conversion.Failed<?> f) {
            LOG.debug("({}) no leftover {} to look for: {}", instance.name(), kind, f.error());
            return true;
        }
        return false;
    }

    private static NetResult absent(Kind kind, String item) {
        return NetResult.of(kind, item, NetResult.Outcome.ALREADY_ABSENT);
    }
}
