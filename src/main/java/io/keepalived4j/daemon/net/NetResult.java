package io.keepalived4j.daemon.net;

import java.util.Optional;

/**
 * What happened to one address, route or rule when a set was applied or removed: the daemon
 * counts and reports these instead of catching exceptions.
 *
 * @param kind    which list of the configuration it came from
 * @param item    the kernel request as text ({@code 10.0.0.1/32 dev 3 ...}) or the config line
 *                when it could not be converted
 * @param outcome what the kernel answered
 * @param error   the message when {@link Outcome#FAILED}
 */
public record NetResult(Kind kind, String item, Outcome outcome, Optional<String> error) {

    public enum Kind { VIP, EXCLUDED_VIP, VIRTUAL_ROUTE, VIRTUAL_RULE, STATIC_ADDRESS, STATIC_ROUTE, STATIC_RULE }

    public enum Outcome {
        ADDED,
        /** EEXIST on add: someone (an earlier pass, an operator) already put it there. */
        ALREADY_PRESENT,
        REMOVED,
        /** Not found on delete. */
        ALREADY_ABSENT,
        FAILED
    }

    static NetResult of(Kind kind, String item, Outcome outcome) {
        return new NetResult(kind, item, outcome, Optional.empty());
    }

    static NetResult failed(Kind kind, String item, String error) {
        return new NetResult(kind, item, Outcome.FAILED, Optional.of(error));
    }

    /** Anything but {@link Outcome#FAILED}: the kernel is now as configured. */
    public boolean ok() {
        return outcome != Outcome.FAILED;
    }
}
