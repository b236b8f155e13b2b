package io.keepalived4j.check;

import java.util.List;
import java.util.Optional;

/** A snapshot of the pools: what the status endpoint, the dump and the tests read. */
public final class PoolStatus {

    private PoolStatus() {
    }

    /**
     * @param service    keepalived's text, e.g. {@code [10.0.0.1]:tcp:80}
     * @param quorumUp   whether the live weight reaches the quorum
     * @param liveWeight the sum of the live servers' weights
     * @param servers    the real servers, in configuration order
     * @param sorry      the sorry server, if any
     */
    public record VirtualServerStatus(String service, boolean quorumUp, long liveWeight, List<RealServerStatus> servers,
                                      Optional<RealServerStatus> sorry) {
    }

    /**
     * @param server   keepalived's text, e.g. {@code [10.0.0.2]:tcp:80}
     * @param alive    whether its checkers pass
     * @param set      whether it is in the data plane (possibly with weight 0, inhibited)
     * @param weight   its effective weight (clamped as IPVS gets it)
     * @param checkers its checkers
     */
    public record RealServerStatus(String server, boolean alive, boolean set, long weight,
                                   List<CheckerStatus> checkers) {
    }

    /**
     * @param checker the keyword, e.g. {@code HTTP_GET}
     * @param up      its state
     * @param enabled false while ha_suspend pauses it
     * @param last    the last failure's line, if the last attempt failed
     */
    public record CheckerStatus(String checker, boolean up, boolean enabled, Optional<String> last) {
    }

    static VirtualServerStatus of(VirtualServerPool p) {
        return new VirtualServerStatus(p.text, p.quorumUp, p.weighLive(), p.servers.stream().map(PoolStatus::of).toList(),
                p.sorry.map(PoolStatus::of));
    }

    private static RealServerStatus of(RealServerEntry rs) {
        return new RealServerStatus(rs.text, rs.alive, rs.set, RealServerEntry.realWeight(rs.effectiveWeight),
                rs.checkers.stream().map(c -> new CheckerStatus(c.keyword(), c.isUp, c.enabled,
                        c.last instanceof CheckResult.Down d ? Optional.of(d.line()) : Optional.empty())).toList());
    }
}
