package io.keepalived4j.daemon;

import io.keepalived4j.config.SameConfiguration;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpSection;
import io.keepalived4j.daemon.net.VipSet;
import io.keepalived4j.daemon.reload.ReloadPlan;
import io.keepalived4j.vrrp.engine.VrrpHost;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reload's state transfer (docs/reload-design.md): the running generation's instances go on in
 * a new generation built from the new file, as keepalived 2.2.7 matches them (vrrp_exist(), see
 * {@link ReloadPlan}), without a transition, an extra advert or a VIP flap.
 *
 * <ol>
 * <li>The new generation opens beside the running one (sockets, VMACs taken over, trackers,
 *     notifications), every thread but its loop started. A failure here leaves the running one
 *     untouched.</li>
 * <li>On the running loop, in one task: removed instances stop as on SIGTERM (priority 0, VIPs
 *     removed, STOP notified); the matched ones' state, timers, tracker results and overrides are
 *     taken; the loop halts. Nothing runs them twice from here on.</li>
 * <li>The new loop starts with them: a MASTER goes on advertising at its old instants, a BACKUP
 *     keeps its Master_Down time left; added instances start as at start-up. A MASTER takes over
 *     its VIPs: an unchanged list is left as it is; a changed one gets its new addresses.</li>
 * <li>The running generation closes: the addresses a MASTER's new list dropped go, then its
 *     sockets and threads; the VMACs taken over and unchanged static addresses stay.</li>
 * </ol>
 */
final class VrrpHandover {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** How long the running loop gets to hand its instances over. */
    static final Duration FREEZE_WAIT = Duration.ofSeconds(2);

    /** Thrown when the hand-over could not happen; the running generation goes on untouched. */
    static final class NotHandedOver extends Exception {
        NotHandedOver(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How a new generation is opened beside the running one. */
    @FunctionalInterface
    interface Opener {
        VrrpGeneration open(KeepalivedConfig config, VrrpGeneration.Inheritance inheritance) throws IOException;
    }

    private VrrpHandover() {
    }

    /**
     * Runs the hand-over from {@code running} to a generation of {@code next}.
     *
     * @return the new generation, running
     * @throws NotHandedOver when it could not open or the running loop did not answer; then
     *                       {@code running} still runs every instance as before
     */
    static VrrpGeneration run(VrrpGeneration running, KeepalivedConfig next, Opener opener) throws NotHandedOver {
        KeepalivedConfig before = running.config();
        List<VrrpInstance> oldList = before.vrrp().instances();
        List<VrrpInstance> newList = next.vrrp().instances();
        ReloadPlan plan = ReloadPlan.of(oldList, newList);
        Map<Integer, Integer> oldIndexOf = new HashMap<>();
        Map<Integer, InstanceIo> predecessors = new HashMap<>();
        for (ReloadPlan.Match m : plan.matched()) {
            int o = indexOf(oldList, m.before());
            int n = indexOf(newList, m.after());
            oldIndexOf.put(n, o);
            predecessors.put(n, running.ios().get(o));
        }
        List<Integer> removed = plan.removed().stream().map(r -> indexOf(oldList, r)).toList();
        boolean staticsKept = sameStatics(before, next);

        VrrpGeneration successor;
        try {
            successor = opener.open(next, new VrrpGeneration.Inheritance(predecessors));
        } catch (IOException | RuntimeException e) {
            throw new NotHandedOver("cannot open the new configuration's instances: " + e.getMessage(), e);
        }

        Map<Integer, VrrpHost.CarriedInstance> carried = new HashMap<>();
        VrrpLoop loop = running.loop();
        VrrpHost host = running.host();
        boolean frozen;
        try {
            frozen = loop.call(() -> {
                long now = loop.now();
                for (int r : removed) {
                    host.stop(r, now);
                }
                oldIndexOf.forEach((n, o) -> carried.put(n, host.carryInstance(o)));
                loop.halt();
            }, FREEZE_WAIT);
        } catch (RuntimeException e) {
            successor.abandon();
            throw new NotHandedOver("the running instances could not be handed over: " + e, e);
        }
        if (!frozen) {
            successor.abandon();
            throw new NotHandedOver("the VRRP loop did not hand its instances over within "
                    + FREEZE_WAIT.toMillis() + " ms", null);
        }
        running.retire();
        successor.begin(carried);

        // VIPs: the successors of masters hold them now; a changed list gets its new addresses,
        // then the ones it dropped go (never a moment without the addresses both lists have).
        Map<Integer, VrrpInstance> dropped = new HashMap<>();
        Map<Integer, Boolean> changed = new HashMap<>();
        carried.forEach((n, c) -> {
            if (c.driver().snapshot().state() == VrrpState.MASTER) {
                VrrpInstance was = running.ios().get(oldIndexOf.get(n)).onHost();
                VrrpInstance now = successor.ios().get(n).onHost();
                VrrpInstance gone = minus(was, now);
                changed.put(n, !isEmpty(gone) || !isEmpty(minus(now, was)));
                dropped.put(n, gone);
            }
        });
        if (!changed.isEmpty()) {
            VrrpHost successorHost = successor.host();
            boolean taken = successor.loop().call(() -> changed.forEach((n, c) -> {
                if (successorHost.state(n) == VrrpState.MASTER) {
                    successor.ios().get(n).takeOverVips(c, successorHost.parameters(n).garpMasterRepeat());
                }
            }), FREEZE_WAIT);
            if (!taken) {
                LOG.warn("Reload: the new VRRP loop did not take over the masters' VIPs within {} ms",
                        FREEZE_WAIT.toMillis());
            }
        }
        for (VrrpInstance gone : dropped.values()) {
            if (!isEmpty(gone)) {
                LOG.info("({}) removing what the reload dropped from its lists: {}", gone.name(), describe(gone));
                VipSet.of(gone, running.netlink()).remove();
            }
        }
        running.notifications().drain(removed.stream().map(r -> running.ios().get(r).name()).toList(),
                VrrpDaemon.NOTIFY_DRAIN);
        Set<String> keptVmacs = successor.adoptedVmacs();
        running.closeAfterHandover(staticsKept, keptVmacs);
        if (!staticsKept) {
            successor.reapplyStatics();
        }
        return successor;
    }

    /** By identity: two instances may be equal records at different places of a file. */
    private static int indexOf(List<VrrpInstance> list, VrrpInstance instance) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == instance) {
                return i;
            }
        }
        throw new IllegalArgumentException("not in the list: " + instance.name());
    }

    /** Static addresses, routes and rules, and the interface they default to, unchanged. */
    static boolean sameStatics(KeepalivedConfig a, KeepalivedConfig b) {
        VrrpSection x = a.vrrp();
        VrrpSection y = b.vrrp();
        return SameConfiguration.equal(x.staticAddresses(), y.staticAddresses())
                && SameConfiguration.equal(x.staticRoutes(), y.staticRoutes())
                && SameConfiguration.equal(x.staticRules(), y.staticRules())
                && a.global().defaultInterface().equals(b.global().defaultInterface());
    }

    /** What {@code a} holds on the host that {@code b} does not: addresses, routes, rules. */
    static VrrpInstance minus(VrrpInstance a, VrrpInstance b) {
        return a.withHostState(minus(a.virtualAddresses(), b.virtualAddresses()),
                minus(a.excludedAddresses(), b.excludedAddresses()),
                minus(a.virtualRoutes(), b.virtualRoutes()), minus(a.virtualRules(), b.virtualRules()));
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>();
        for (T x : a) {
            if (b.stream().noneMatch(y -> SameConfiguration.equal(x, y))) {
                out.add(x);
            }
        }
        return out;
    }

    private static String describe(VrrpInstance hostState) {
        List<String> parts = new ArrayList<>();
        hostState.virtualAddresses().forEach(a -> parts.add(a.address().getHostAddress() + "/" + a.prefixLength()));
        hostState.excludedAddresses().forEach(a -> parts.add(a.address().getHostAddress() + "/" + a.prefixLength()));
        if (!hostState.virtualRoutes().isEmpty()) {
            parts.add(hostState.virtualRoutes().size() + " virtual route(s)");
        }
        if (!hostState.virtualRules().isEmpty()) {
            parts.add(hostState.virtualRules().size() + " virtual rule(s)");
        }
        return String.join(", ", parts);
    }

    static boolean isEmpty(VrrpInstance hostState) {
        return hostState.virtualAddresses().isEmpty() && hostState.excludedAddresses().isEmpty()
                && hostState.virtualRoutes().isEmpty() && hostState.virtualRules().isEmpty();
    }
}
