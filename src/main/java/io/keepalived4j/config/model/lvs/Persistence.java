package io.keepalived4j.config.model.lvs;

import java.util.Optional;

/**
 * IPVS persistence of a virtual server.
 *
 * @param timeoutSeconds {@code persistence_timeout}; 0 means not persistent. A bare keyword, a
 *                       {@code persistence_granularity} or a port-0 service make it 360
 * @param granularity    {@code persistence_granularity}: an IPv4 netmask or an IPv6 prefix length, as written
 * @param engine         {@code persistence_engine}, e.g. {@code sip}
 */
public record Persistence(long timeoutSeconds, Optional<String> granularity, Optional<String> engine) {

    /** keepalived's IPVS_SVC_PERSISTENT_TIMEOUT. */
    public static final long DEFAULT_TIMEOUT = 360;

    public static final Persistence NONE = new Persistence(0, Optional.empty(), Optional.empty());

    public boolean persistent() {
        return timeoutSeconds > 0;
    }
}
