package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.syntax.Node;

import java.time.Duration;

/**
 * A parsed checker waiting for its inherited values: keepalived only resolves retry, delays and
 * timeouts after the whole file is read, since a virtual server may set {@code delay_loop} after
 * its real servers.
 *
 * @param node                    the checker block
 * @param common                  the shared keywords as written in the block
 * @param defaultRetry            the checker type's retry default
 * @param defaultDelayBeforeRetry the type's delay_before_retry default; null means delay_loop
 * @param finisher                builds the model record from the resolved values
 */
record CheckerDraft(Node node, CheckerCommon common, long defaultRetry, Duration defaultDelayBeforeRetry,
                    Finisher finisher) {

    /** keepalived's defaults for most checkers: retry 1, delay_before_retry 1 s. */
    static final long DEFAULT_RETRY = 1;
    static final Duration DEFAULT_DELAY_BEFORE_RETRY = Duration.ofSeconds(1);

    static CheckerDraft standard(Node node, CheckerCommon common, Finisher finisher) {
        return new CheckerDraft(node, common, DEFAULT_RETRY, DEFAULT_DELAY_BEFORE_RETRY, finisher);
    }

    @FunctionalInterface
    interface Finisher {
        Checker finish(CheckerResolver.Resolved resolved);
    }
}
