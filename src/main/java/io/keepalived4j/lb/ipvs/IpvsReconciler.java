package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsFlags;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to send the kernel so that its IPVS table becomes the wanted one, and no more: the same
 * plan serves the start (the kernel may hold entries of a previous run, or of others), a reload,
 * and the stop. Pure: tables in, commands out, in an order the kernel accepts (a service before
 * its destinations, destinations out before their service).
 * <ul>
 * <li>A wanted service the kernel lacks is created; one that differs in scheduler, flags, timeout,
 * netmask or persistence engine is edited in place (SET keeps its connections, where delete and
 * create would drop them).</li>
 * <li>Destinations of a wanted service converge the same way; destinations the kernel has there
 * and the configuration does not are removed (the service is ours).</li>
 * <li>A service in the kernel that is not wanted is left alone unless this daemon created it
 * ({@code owned}): other tools' and other daemons' entries are never touched.</li>
 * </ul>
 */
public final class IpvsReconciler {

    private IpvsReconciler() {
    }

    /** The commands that turn {@code current} into {@code wanted}, leaving what others own. */
    public static List<IpvsCommand> plan(IpvsTable current, IpvsTable wanted, Set<IpvsServiceKey> owned) {
        List<IpvsCommand> out = new ArrayList<>();
        for (Map.Entry<IpvsServiceKey, IpvsTable.Entry> w : wanted.services().entrySet()) {
            IpvsTable.Entry have = current.services().get(w.getKey());
            IpvsTable.Entry want = w.getValue();
            if (have == null) {
                out.add(new IpvsCommand.NewService(want.service()));
                want.destinations().values().forEach(d -> out.add(new IpvsCommand.NewDestination(want.service(), d)));
                continue;
            }
            if (!sameSettings(have.service(), want.service())) {
                out.add(new IpvsCommand.SetService(want.service()));
            }
            for (Map.Entry<InetSocketAddress, IpvsDestination> d : have.destinations().entrySet()) {
                if (!want.destinations().containsKey(d.getKey())) {
                    out.add(new IpvsCommand.DeleteDestination(want.service(), d.getValue()));
                }
            }
            for (Map.Entry<InetSocketAddress, IpvsDestination> d : want.destinations().entrySet()) {
                IpvsDestination there = have.destinations().get(d.getKey());
                if (there == null) {
                    out.add(new IpvsCommand.NewDestination(want.service(), d.getValue()));
                } else if (!sameSettings(there, d.getValue())) {
                    out.add(new IpvsCommand.SetDestination(want.service(), d.getValue()));
                }
            }
        }
        for (Map.Entry<IpvsServiceKey, IpvsTable.Entry> h : current.services().entrySet()) {
            if (!wanted.services().containsKey(h.getKey()) && owned.contains(h.getKey())) {
                out.add(new IpvsCommand.DeleteService(h.getValue().service()));
            }
        }
        return out;
    }

    /**
     * Whether the kernel's service already has the wanted settings. The kernel reports the
     * HASHED flag of every service in its table and answers with its own mask: only the flags
     * the configuration sets count.
     */
    static boolean sameSettings(IpvsService have, IpvsService want) {
        int meaningful = ~IpvsFlags.HASHED;
        return have.scheduler().equals(want.scheduler())
                && (have.flags().flags() & meaningful) == (want.flags().flags() & meaningful)
                && have.timeout() == want.timeout()
                && have.netmask() == want.netmask()
                && have.persistenceEngine().equals(want.persistenceEngine());
    }

    /** Whether the kernel's destination already has the wanted weight, forwarding and thresholds. */
    static boolean sameSettings(IpvsDestination have, IpvsDestination want) {
        return have.weight() == want.weight() && have.forwarding() == want.forwarding()
                && have.upperThreshold() == want.upperThreshold() && have.lowerThreshold() == want.lowerThreshold()
                && (want.forwarding() != io.keepalived4j.os.netlink.IpvsForwarding.TUNNEL
                    || have.tunnel().equals(want.tunnel()));
    }

    /**
     * At stop: remove what this daemon created, or (lvs_flush_on_stop) every service the kernel
     * holds. Deleting a service takes its destinations with it.
     */
    public static List<IpvsCommand> stop(IpvsTable current, Set<IpvsServiceKey> owned, boolean flushOnStop) {
        List<IpvsCommand> out = new ArrayList<>();
        for (Map.Entry<IpvsServiceKey, IpvsTable.Entry> h : current.services().entrySet()) {
            if (flushOnStop || owned.contains(h.getKey())) {
                out.add(new IpvsCommand.DeleteService(h.getValue().service()));
            }
        }
        return out;
    }
}
