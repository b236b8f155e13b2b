package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.codec.RejectLog;
import io.keepalived4j.vrrp.engine.VrrpHost;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.instance.AdvertFilter;
import io.keepalived4j.vrrp.instance.SplitBrainDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * On the VRRP loop: takes a received message to the instance of its VRID on that socket, through
 * the instance's filter; accepted adverts go to the state machine, rejected ones are counted and
 * logged at a rate limit in keepalived's wording, and a mismatched other master is reported as a
 * split brain.
 */
final class AdvertRouter {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    private static final long REJECT_LOG_INTERVAL_MICROS = 60_000_000L;

    /** One instance as the router sees it. */
    record Route(int index, int vrid, boolean ipv6, String interfaceName, AdvertFilter filter, InstanceIo io,
                 RejectLog rejectLog, SplitBrainDetector splitBrain) {
        static Route of(int index, int vrid, boolean ipv6, String interfaceName, AdvertFilter filter, InstanceIo io) {
            return new Route(index, vrid, ipv6, interfaceName, filter, io, new RejectLog(io.name(), REJECT_LOG_INTERVAL_MICROS),
                    new SplitBrainDetector(io.name()));
        }
    }

    private final VrrpHost host;
    /** Per interface, the routes by VRID (a node may run hundreds of instances on one socket). */
    private final Map<String, Route[]> ipv4 = new HashMap<>();
    private final Map<String, Route[]> ipv6 = new HashMap<>();
    private final boolean logUnknownVrids;
    private final RejectLog unknownVrid = new RejectLog("unknown VRID", REJECT_LOG_INTERVAL_MICROS);
    private long unknownVridCount;

    /** @param logUnknownVrids global_defs log_unknown_vrids: keepalived logs unknown VRIDs only then */
    AdvertRouter(VrrpHost host, List<Route> routes, boolean logUnknownVrids) {
        this.host = host;
        for (Route r : routes) {
            Route[] byVrid = (r.ipv6() ? ipv6 : ipv4).computeIfAbsent(r.interfaceName(), k -> new Route[256]);
            if (byVrid[r.vrid()] == null) { // the configuration allows one instance per VRID, interface and family
                byVrid[r.vrid()] = r;
            }
        }
        this.logUnknownVrids = logUnknownVrids;
    }

    long unknownVridCount() {
        return unknownVridCount;
    }

    /** A message from the socket of {@code interfaceName} / family. */
    void received(String interfaceName, boolean ipv6, byte[] message, InetAddress source, InetAddress destination,
                  int ttl, long now) {
        if (message.length < 2) {
            return;
        }
        int vrid = message[1] & 0xff;
        Route route = find(interfaceName, ipv6, vrid);
        if (route == null) {
            unknownVridCount++;
            if (!logUnknownVrids) {
                return;
            }
            unknownVrid.reject(io.keepalived4j.vrrp.codec.RejectReason.UNKNOWN_VRID, "", now).ifPresent(l ->
                    LOG.info("Unknown VRID({}) received on interface({}). ignoring...", vrid, interfaceName));
            return;
        }
        switch (route.filter().check(message, source, destination, ttl)) {
            case AdvertFilter.Verdict.Accept a -> {
                route.io().stats().advertReceived(a.source(), a.priority(), a.advertIntervalCentis());
                host.advert(route.index(), a.source(), a.priority(), a.advertIntervalCentis(), now);
            }
            case AdvertFilter.Verdict.Reject r -> {
                route.io().stats().rejects().count(r.reason());
                route.rejectLog().reject(r.reason(), r.values(), now).ifPresent(LOG::info);
                if (r.packet().isPresent()) {
                    boolean master = host.state(route.index()) == VrrpState.MASTER;
                    route.splitBrain().rejected(master, r.reason(), r.message(), r.packet().get(), source, now)
                            .ifPresent(line -> {
                                route.io().stats().splitBrain(line);
                                LOG.error(line);
                            });
                }
            }
        }
    }

    private Route find(String interfaceName, boolean v6, int vrid) {
        Route[] byVrid = (v6 ? ipv6 : ipv4).get(interfaceName);
        return byVrid == null ? null : byVrid[vrid];
    }
}
