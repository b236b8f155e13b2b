package io.keepalived4j.daemon.reload;

import io.keepalived4j.config.SameConfiguration;
import io.keepalived4j.config.model.VrrpInstance;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload (SIGHUP) changes among the VRRP instances, decided as keepalived 2.2.7 decides it
 * (vrrp.c vrrp_exist()): an instance of the new configuration is the same instance as an old one
 * when the VRID, the address family, the interface, unicast or not (and then the source address)
 * and use_vmac agree, whatever its name. A matched instance is unchanged, or changed in what can be
 * applied in place (priority, VIP list), or in something else; the rest are added or removed.
 * Pure: configurations in, plan out.
 */
public record ReloadPlan(List<Match> matched, List<VrrpInstance> added, List<VrrpInstance> removed) {

    /** What differs in a matched instance. */
    public enum Change {
        /** The configured priority: applied in place, an election may follow (RFC 5798 rules). */
        PRIORITY,
        /** virtual_ipaddress / virtual_ipaddress_excluded: only the addresses that changed come and go. */
        VIPS,
        /** Anything else (timers, authentication, trackers, scripts, name...): the instance is re-built
         *  keeping its state. */
        OTHER
    }

    /** An old instance and the new one it becomes. */
    public record Match(VrrpInstance before, VrrpInstance after, Set<Change> changes) {
        public Match {
            changes = changes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(changes));
        }

        public boolean unchanged() {
            return changes.isEmpty();
        }
    }

    public ReloadPlan {
        matched = List.copyOf(matched);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public static ReloadPlan of(List<VrrpInstance> before, List<VrrpInstance> after) {
        List<Match> matched = new ArrayList<>();
        List<VrrpInstance> added = new ArrayList<>();
        List<VrrpInstance> left = new ArrayList<>(before);
        for (VrrpInstance a : after) {
            VrrpInstance b = left.stream().filter(x -> sameInstance(x, a)).findFirst().orElse(null);
            if (b == null) {
                added.add(a);
            } else {
                left.remove(b);
                matched.add(new Match(b, a, changes(b, a)));
            }
        }
        return new ReloadPlan(matched, added, left);
    }

    /** keepalived's vrrp_exist(): VRID, family, interface, unicast (and its source), use_vmac. */
    static boolean sameInstance(VrrpInstance a, VrrpInstance b) {
        return a.virtualRouterId() == b.virtualRouterId()
                && ipv6(a) == ipv6(b)
                && Objects.equals(a.interfaceName(), b.interfaceName())
                && a.isUnicast() == b.isUnicast()
                && (!a.isUnicast() || Objects.equals(a.mcastSourceIp(), b.mcastSourceIp()))
                && a.useVmac() == b.useVmac();
    }

    static Set<Change> changes(VrrpInstance b, VrrpInstance a) {
        Set<Change> out = EnumSet.noneOf(Change.class);
        if (b.priority() != a.priority()) {
            out.add(Change.PRIORITY);
        }
        if (!SameConfiguration.equal(b.virtualAddresses(), a.virtualAddresses())
                || !SameConfiguration.equal(b.excludedAddresses(), a.excludedAddresses())) {
            out.add(Change.VIPS);
        }
        // Everything else, with the in-place parts and the file positions set aside.
        VrrpInstance rest = b.withPriorityAndVips(a.priority(), a.virtualAddresses(), a.excludedAddresses());
        VrrpInstance target = a.withPriorityAndVips(a.priority(), a.virtualAddresses(), a.excludedAddresses());
        if (!SameConfiguration.equal(rest, target)) {
            out.add(Change.OTHER);
        }
        return out;
    }

    /** The family the instance speaks VRRP in, as the daemon decides it (its first VIP, source or peer). */
    static boolean ipv6(VrrpInstance vi) {
        if (!vi.virtualAddresses().isEmpty()) {
            return vi.virtualAddresses().getFirst().address() instanceof Inet6Address;
        }
        if (vi.mcastSourceIp() != null) {
            return vi.mcastSourceIp() instanceof Inet6Address;
        }
        return !vi.unicastPeers().isEmpty() && vi.unicastPeers().getFirst().address() instanceof Inet6Address;
    }
}
