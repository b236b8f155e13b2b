package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.Checker;

import java.time.Duration;

/**
 * One checker's state in its pool: keepalived's {@code checker_t} fields that the epilogs and
 * {@code update_svr_checker_state()} share. Touched only under the pool's lock.
 */
final class CheckerSlot {

    final Checker config;
    final RealServerEntry server;
    /** Empty for FILE_CHECK and BFD_CHECK, which are driven by events, not attempts. */
    final java.util.Optional<HealthCheck> check;

    /** alpha: the checker starts down and brings its server up only when it first passes. */
    final boolean alpha;
    /** Empty for FILE_CHECK and BFD_CHECK. */
    final java.util.Optional<io.keepalived4j.config.model.lvs.CheckerTiming> timing;

    boolean isUp = true;
    boolean hasRun;
    long retryIt;
    /** What this checker adds to the server's weight (misc_dynamic, FILE_CHECK with a weight). */
    long curWeight;
    /** False while ha_suspend holds the checker (the virtual address is absent). */
    boolean enabled = true;
    /** Its virtual server went (or changed) in a reload: the checker's thread ends. */
    volatile boolean stopped;
    /** MISC_CHECK: the exit status last acted on, so an unchanged dynamic weight is not re-applied. */
    long lastExitCode = -1;
    /** FILE_CHECK: the tracked file's value times its weight, as last applied. */
    long fileStatus;
    /** The last attempt's outcome, for the status endpoint and dumps. */
    CheckResult last;
    /** When the next attempt is due, as the scheduler last set it (for status). */
    Duration nextDelay = Duration.ZERO;

    CheckerSlot(Checker config, RealServerEntry server, java.util.Optional<HealthCheck> check, boolean alpha) {
        this.config = config;
        this.server = server;
        this.check = check;
        this.alpha = alpha;
        this.timing = config instanceof io.keepalived4j.config.model.lvs.TimedChecker t
                ? java.util.Optional.of(t.timing()) : java.util.Optional.empty();
    }

    String keyword() {
        return config.keyword();
    }
}
