package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.model.AuthType;
import io.keepalived4j.config.model.VirtualAddress;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings every member of a VRRP group must share, or the adverts of one are rejected by the
 * others (vrrp-wire.md section 5) and each side becomes master: split brain. Observed with
 * keepalived 2.2.7 for advert interval (v2), password, version and VIP-list mismatches.
 */
final class SettingChecks {

    private static final String SPLIT = "each side then becomes master (split brain)";

    private SettingChecks() {
    }

    static List<Finding> check(VrrpGroup group) {
        List<Finding> out = new ArrayList<>();
        if (group.fileCount() < 2) {
            return out;
        }
        mixedTransport(group).ifPresent(out::add);
        Differences.of(group, Severity.ERROR, "version-mismatch", "version",
                m -> m.instance().version(), v -> "version " + v, new String[] {"version"},
                "keepalived drops adverts of another version ('wrong version'): " + SPLIT,
                "set the same 'version' (or global vrrp_version) on every node").ifPresent(out::add);
        advertInterval(group).ifPresent(out::add);
        authentication(group).ifPresent(out::add);
        virtualAddresses(group).ifPresent(out::add);
        Differences.of(group, Severity.WARNING, "down-timer-adverts-mismatch", "down_timer_adverts",
                m -> m.instance().downTimerAdverts(), v -> String.valueOf(v), new String[] {"down_timer_adverts"},
                "the nodes wait different numbers of adverts before taking over",
                "use the same down_timer_adverts on every node").ifPresent(out::add);
        return out;
    }

    /** A multicast instance and a unicast one on the same link never hear each other. */
    private static Optional<Finding> mixedTransport(VrrpGroup group) {
        return Differences.of(group, Severity.ERROR, "unicast-multicast-mix", "transport",
                Member::isUnicast, unicast -> unicast ? "unicast" : "multicast", new String[] {"unicast_peer"},
                "a unicast instance rejects multicast adverts and sends its own only to its peers: " + SPLIT,
                "use unicast_peer on every node of the group, or on none");
    }

    /** RFC 3768 section 7.1: a v2 router discards an advert whose interval differs from its own. */
    private static Optional<Finding> advertInterval(VrrpGroup group) {
        boolean anyV2 = group.members().stream().anyMatch(m -> m.instance().version() == 2);
        return Differences.of(group, anyV2 ? Severity.ERROR : Severity.WARNING, "advert-int-mismatch", "advert_int",
                m -> m.instance().advertIntervalSeconds(), Differences::seconds, new String[] {"advert_int"},
                anyV2 ? "VRRPv2 drops adverts with another interval ('advertisement interval mismatch'): " + SPLIT
                        : "VRRPv3 backups adopt the master's interval, but the failover time then depends on which node is master",
                "use the same advert_int on every node");
    }

    /** v2 only: v3 (and strict mode) ignores authentication (features.md section 8). */
    private static Optional<Finding> authentication(VrrpGroup group) {
        if (group.members().stream().anyMatch(m -> m.instance().version() != 2)) {
            return Optional.empty();
        }
        Optional<Finding> type = Differences.of(group, Severity.ERROR, "auth-type-mismatch", "auth_type",
                SettingChecks::effectiveAuthType, AuthType::name, new String[] {"authentication", "auth_type"},
                "keepalived rejects adverts of another auth type: " + SPLIT,
                "use the same authentication block on every node");
        if (type.isPresent()) {
            return type;
        }
        // The password itself is not printed (these reports end up in CI logs): "password A", "password B".
        Map<String, Character> names = new HashMap<>();
        return Differences.of(group, Severity.ERROR, "auth-pass-mismatch", "auth_pass",
                m -> effectiveAuthType(m) == AuthType.NONE ? "" : nullToEmpty(m.instance().authPass()),
                pass -> pass.isEmpty() ? "no password" : "password " + names.computeIfAbsent(pass, k -> (char) ('A' + names.size())),
                new String[] {"authentication", "auth_pass"},
                "keepalived rejects adverts with another password ('received an invalid passwd'): " + SPLIT,
                "use the same auth_pass (at most 8 characters) on every node");
    }

    private static AuthType effectiveAuthType(Member m) {
        AuthType t = m.instance().authType();
        return t == null || m.instance().strictMode() ? AuthType.NONE : t;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * keepalived up to 2.3.2 (so 2.2.7) rejects an advert whose address count or list differs from
     * its own ('ip address associated with VRID not present in MASTER advert'); 2.3.3+ only logs.
     */
    private static Optional<Finding> virtualAddresses(VrrpGroup group) {
        List<Set<InetAddress>> sets = group.members().stream().map(SettingChecks::vips).toList();
        if (sets.stream().distinct().count() <= 1) {
            return Optional.empty();
        }
        Set<InetAddress> all = new LinkedHashSet<>();
        sets.forEach(all::addAll);
        List<Position> positions = new ArrayList<>();
        List<String> sides = new ArrayList<>();
        for (int i = 0; i < group.members().size(); i++) {
            Member m = group.members().get(i);
            Set<InetAddress> mine = sets.get(i);
            Position at = m.at("virtual_ipaddress");
            positions.add(at);
            List<InetAddress> missing = all.stream().filter(a -> !mine.contains(a)).toList();
            sides.add(m.describe(at) + " has " + (mine.isEmpty() ? "none" : join(mine))
                    + (missing.isEmpty() ? "" : " (lacks " + join(missing) + ")"));
        }
        String message = group.label() + ": virtual_ipaddress lists differ: " + String.join("; ", sides)
                + "; keepalived 2.2.7 rejects adverts whose address list differs from its own: " + SPLIT;
        return Optional.of(new Finding(Severity.ERROR, "vip-mismatch", message, positions,
                "list the same virtual_ipaddress entries on every node (put extra addresses in virtual_ipaddress_excluded)"));
    }

    private static Set<InetAddress> vips(Member m) {
        return m.instance().virtualAddresses().stream().map(VirtualAddress::address)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String join(Collection<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }
}
