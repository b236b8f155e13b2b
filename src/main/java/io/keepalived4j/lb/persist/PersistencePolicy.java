package io.keepalived4j.lb.persist;

import io.keepalived4j.config.model.lvs.VirtualServer;

import java.time.Duration;

/**
 * How one virtual server persists: {@code persistence_timeout} and {@code persistence_granularity}.
 *
 * @param timeout     how long a template lives after the last new connection through it (IPVS's svc->timeout)
 * @param granularity which clients share a template
 */
public record PersistencePolicy(Duration timeout, Granularity granularity) {

    public PersistencePolicy {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a persistent service needs a positive timeout: " + timeout);
        }
    }

    /**
     * The policy of a persistent virtual server.
     *
     * @throws IllegalArgumentException when {@code vs} is not persistent
     */
    public static PersistencePolicy of(VirtualServer vs) {
        if (!vs.persistence().persistent()) {
            throw new IllegalArgumentException(vs.describe() + " is not persistent");
        }
        return new PersistencePolicy(Duration.ofSeconds(vs.persistence().timeoutSeconds()),
                Granularity.of(vs.persistence(), vs.family()));
    }

    long timeoutNanos() {
        return timeout.toNanos();
    }
}
