package io.keepalived4j.lb.realserver;

import io.keepalived4j.config.model.IpText;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The LVS direct-routing real server's side (what keepalived's users and this project's seeds do
 * by hand): the VIP as a host address on {@code lo}, so the server accepts packets the director
 * forwards unchanged, and ARP kept quiet about it so the server never steals the VIP from the
 * director: {@code arp_ignore=1} (answer ARP only for addresses of the interface asked on) and
 * {@code arp_announce=2} (never source ARP from an address of another interface), on {@code all}
 * and {@code lo} (the kernel uses the maximum of the two).
 *
 * <p>{@link #up} and {@link #down} are idempotent and {@code down} is {@code up}'s inverse: the
 * sysctl values found before the first {@code up} and which VIPs were added (not found) are kept
 * in a {@link RealServerState}; the last VIP's {@code down} restores the sysctls. IPv6 VIPs go on
 * {@code lo} as /128 (neighbour discovery has no such knobs: there is nothing else to set).
 *
 * <pre>{@code
 * RealServerState s = RealServerSetup.up(host, state, vip, out::println);
 * }</pre>
 */
public final class RealServerSetup {

    /** The knobs and the values LVS-DR needs (the order they are set and restored in). */
    public static final Map<String, String> ARP_KNOBS = orderedKnobs();

    private RealServerSetup() {
    }

    private static Map<String, String> orderedKnobs() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("net.ipv4.conf.all.arp_ignore", "1");
        m.put("net.ipv4.conf.all.arp_announce", "2");
        m.put("net.ipv4.conf.lo.arp_ignore", "1");
        m.put("net.ipv4.conf.lo.arp_announce", "2");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A VIP as given on the command line: an IPv4 or IPv6 literal (never a name to resolve). */
    public static InetAddress parseVip(String text) {
        return VipAddress.parse(text);
    }

    /** Where the state file changes go: called with the new state before the host is touched. */
    @FunctionalInterface
    public interface StateStore {
        void save(RealServerState state) throws IOException;
    }

    /**
     * Makes {@code vip} served here; returns the new state, already saved to {@code store} before
     * any change (a crash half-way still leaves what {@code down} needs). Each change is reported
     * to {@code report}; nothing is reported when everything was already so.
     */
    public static RealServerState up(RealServerHost host, RealServerState state, InetAddress vip, StateStore store,
                                     java.util.function.Consumer<String> report) throws IOException {
        RealServerState next = state;
        List<Map.Entry<String, String>> toSet = new ArrayList<>();
        if (vip instanceof Inet4Address) {
            for (var knob : ARP_KNOBS.entrySet()) {
                String now = host.sysctl(knob.getKey());
                next = next.withOriginal(knob.getKey(), now);
                if (!now.equals(knob.getValue())) {
                    toSet.add(knob);
                }
            }
        }
        boolean present = host.onLoopback(vip);
        next = next.withVip(vip, !present);
        if (!next.equals(state)) {
            store.save(next);
        }
        for (var knob : toSet) {
            String before = host.sysctl(knob.getKey());
            host.setSysctl(knob.getKey(), knob.getValue());
            report.accept(knob.getKey() + ": " + before + " -> " + knob.getValue());
        }
        if (!present) {
            host.addToLoopback(vip);
            report.accept("lo: added " + IpText.of(vip) + (vip instanceof Inet4Address ? "/32" : "/128"));
        }
        return next;
    }

    /**
     * Undoes {@code up} for {@code vip}: removes it from {@code lo} unless it was there before
     * {@code up}; with no VIP left, puts the sysctls back as they were and returns an empty state.
     * A VIP {@code up} never saw (no state) is removed from {@code lo} if there.
     */
    public static RealServerState down(RealServerHost host, RealServerState state, InetAddress vip, StateStore store,
                                       java.util.function.Consumer<String> report) throws IOException {
        boolean ours = state.vips().getOrDefault(vip, true);
        if (ours && host.onLoopback(vip)) {
            host.removeFromLoopback(vip);
            report.accept("lo: removed " + IpText.of(vip));
        }
        RealServerState next = state.withoutVip(vip);
        if (next.vips().isEmpty()) {
            for (var original : next.originals().entrySet()) {
                String now = host.sysctl(original.getKey());
                if (!now.equals(original.getValue())) {
                    host.setSysctl(original.getKey(), original.getValue());
                    report.accept(original.getKey() + ": " + now + " -> " + original.getValue() + " (restored)");
                }
            }
            next = RealServerState.empty();
        }
        if (!next.equals(state)) {
            store.save(next);
        }
        return next;
    }
}
