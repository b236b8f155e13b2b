package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;

import java.util.Optional;

/**
 * Makes the attempt side of a timed checker. {@link Checkers} is the real one; tests pass
 * scripted checks.
 */
@FunctionalInterface
public interface CheckFactory {

    /** The check, or empty when it cannot run here (its script refused...): keepalived drops it. */
    Optional<HealthCheck> create(Checker checker, VirtualServer vs, RealServer rs);
}
