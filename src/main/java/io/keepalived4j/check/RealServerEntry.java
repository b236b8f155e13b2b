package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.lb.Destination;

import java.util.ArrayList;
import java.util.List;

/**
 * A real server (or the sorry server) in its pool: keepalived's {@code real_server_t} state.
 * Touched only under the pool's lock.
 */
final class RealServerEntry {

    /** Empty for the sorry server. */
    final java.util.Optional<RealServer> config;
    final Destination destination;
    /** keepalived's FMT_RS text, e.g. {@code [10.0.0.2]:tcp:80}. */
    final String text;
    final boolean inhibit;
    final long initialWeight;
    final boolean smtpAlert;
    final List<CheckerSlot> checkers = new ArrayList<>();

    boolean alive;
    /** In the data plane (with its weight, or with weight 0 when inhibited). */
    boolean set;
    int failedCheckers;
    /** The configured weight plus what checkers add (misc_dynamic, FILE_CHECK). */
    long effectiveWeight;
    /** The weight runtime control set in place of the configured one (what checkers add to). */
    long baseWeight;
    /** Runtime control drained it: weight 0 in the data plane, as inhibit_on_failure does, until enabled. */
    boolean drained;

    RealServerEntry(java.util.Optional<RealServer> config, Destination destination, String text, boolean inhibit,
                    long initialWeight, boolean smtpAlert) {
        this.config = config;
        this.destination = destination;
        this.text = text;
        this.inhibit = inhibit;
        this.initialWeight = initialWeight;
        this.smtpAlert = smtpAlert;
        this.effectiveWeight = initialWeight;
        this.baseWeight = initialWeight;
    }

    /** The weight the data plane gets while the server is in it and up: 0 while drained. */
    long dataPlaneWeight() {
        return drained ? 0 : realWeight(effectiveWeight);
    }

    /** keepalived's {@code real_weight()}: the weight IPVS gets, clamped to 0..2^31-1. */
    static long realWeight(long effective) {
        return Math.max(0, Math.min(Integer.MAX_VALUE, effective));
    }
}
