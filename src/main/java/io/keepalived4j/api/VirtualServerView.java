package io.keepalived4j.api;

import io.keepalived4j.check.PoolStatus;
import io.keepalived4j.lb.ServerConnections;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One virtual server with its real servers, as the health checkers and the data plane see it.
 *
 * @param service    keepalived's text, e.g. {@code [10.0.0.1]:tcp:80}
 * @param quorumUp   whether the live weight reaches the quorum
 * @param liveWeight the sum of the live servers' weights
 * @param servers    real servers, in configuration order
 * @param sorry      the sorry server, if any
 */
public record VirtualServerView(String service, boolean quorumUp, long liveWeight, List<RealServerView> servers,
                                Optional<RealServerView> sorry) {

    public VirtualServerView {
        servers = List.copyOf(servers);
    }

    /**
     * @param server      keepalived's text, e.g. {@code [10.0.0.2]:tcp:80}
     * @param alive       whether its checkers pass
     * @param set         whether it is in the data plane
     * @param weight      its effective weight
     * @param checkers    its checkers' results
     * @param activeConnections   connections open through it now, when the data plane tells
     * @param inactiveConnections IPVS's inactive connections, when the data plane tells
     */
    public record RealServerView(String server, boolean alive, boolean set, long weight,
                                 List<PoolStatus.CheckerStatus> checkers, OptionalLong activeConnections,
                                 OptionalLong inactiveConnections) {
        public RealServerView {
            checkers = List.copyOf(checkers);
        }
    }

    public static VirtualServerView of(PoolStatus.VirtualServerStatus vs) {
        return of(vs, Map.of());
    }

    /** With the data plane's connection counts ({@link ServerConnections#key}). */
    public static VirtualServerView of(PoolStatus.VirtualServerStatus vs, Map<String, ServerConnections> connections) {
        return new VirtualServerView(vs.service(), vs.quorumUp(), vs.liveWeight(),
                vs.servers().stream().map(rs -> server(vs.service(), rs, connections)).toList(),
                vs.sorry().map(rs -> server(vs.service(), rs, connections)));
    }

    // keepalived's "[10.0.0.2]:tcp:80" (FMT_RS) to the data plane's "[10.0.0.2]:80".
    private static final java.util.regex.Pattern TRIO = java.util.regex.Pattern.compile("(\\[.*]):[^:]*:(\\d+)");

    private static RealServerView server(String service, PoolStatus.RealServerStatus rs,
                                         Map<String, ServerConnections> connections) {
        java.util.regex.Matcher m = TRIO.matcher(rs.server());
        String pair = m.matches() ? m.group(1) + ":" + m.group(2) : rs.server();
        ServerConnections c = connections.get(ServerConnections.key(service, pair));
        return new RealServerView(rs.server(), rs.alive(), rs.set(), rs.weight(), rs.checkers(),
                c == null ? OptionalLong.empty() : OptionalLong.of(c.active()),
                c == null ? OptionalLong.empty() : OptionalLong.of(c.inactive()));
    }
}
