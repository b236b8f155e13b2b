package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.CheckerTiming;

import java.time.Duration;

/**
 * What an attempt's result does, as keepalived 2.2.7's checkers' epilogs decide it: the retry
 * count, the log lines, the state change handed to the pool, the e-mail, and when the next attempt
 * is due. Pure: no clock, no I/O beyond the pool's listener.
 *
 * <p>Three shapes, as in keepalived: the retrying checkers (TCP, HTTP/SSL, SMTP, DNS, UDP, PING:
 * {@code tcp_epilog()} and its siblings, with their small differences carried by
 * {@link HealthCheck}), MISC_CHECK ({@code misc_check_child_thread()}: its own wording, dynamic
 * weights, delays counted from the script's start) and FILE_CHECK (a value, not an attempt).
 */
final class CheckerEpilogs {

    /** keepalived's IPVS_WEIGHT_FAULT: a FILE_CHECK status that takes the server down. */
    static final long WEIGHT_FAULT = Integer.MIN_VALUE;

    private CheckerEpilogs() {
    }

    /**
     * When the next attempt is due.
     *
     * @param delay     the time to wait
     * @param fromStart counted from the start of the attempt just made (MISC_CHECK), else from its end
     */
    record Next(Duration delay, boolean fromStart) {
    }

    /** Applies one attempt's result; returns when the next attempt is due. */
    static Next afterAttempt(VirtualServerPool pool, CheckerSlot c, HealthCheck check, CheckResult result) {
        c.last = result;
        CheckerTiming t = c.timing.orElseThrow();
        if (c.config instanceof io.keepalived4j.config.model.lvs.MiscCheck) {
            return misc(pool, c, (MiscHealthCheck) check, result, t);
        }
        return retrying(pool, c, check, result, t);
    }

    private static boolean logAll(VirtualServerPool pool, CheckerTiming t) {
        return t.logAllFailures() || pool.settings().logAllFailures();
    }

    private static Next retrying(VirtualServerPool pool, CheckerSlot c, HealthCheck check, CheckResult result,
                                 CheckerTiming t) {
        PoolListener out = pool.listener();
        RealServerEntry rs = c.server;
        if (result instanceof CheckResult.Up up) {
            c.retryIt = 0;
            if (!c.isUp || !c.hasRun) {
                if (!c.isUp) {
                    up.line().ifPresent(out::log);
                }
                check.upLine().ifPresent(out::log);
                boolean checkerWasUp = c.isUp;
                boolean wasAlive = rs.alive;
                pool.checkerState(c, true);
                if (!checkerWasUp) {
                    pool.checkerAlert(rs, wasAlive, check.upAlert());
                }
            }
            c.hasRun = true;
            return new Next(t.delayLoop(), false);
        }
        CheckResult.Down down = (CheckResult.Down) result;
        boolean counting = c.isUp || !c.hasRun;
        if (!counting && !check.retriesWhileDown()) {
            // HTTP once a url is known to fail: no retries, every max(delay_before_retry, delay_loop).
            c.hasRun = true;
            return new Next(max(t.delayBeforeRetry(), t.delayLoop()), false);
        }
        boolean exhausted = c.retryIt >= t.retry();
        if (check.logsFinalFailure()) {
            if (counting && (logAll(pool, t) || exhausted)) {
                out.log(exhausted ? check.downLine(c.hasRun ? t.retry() : 0, down).orElse(down.line()) : down.line());
            }
        } else if (c.isUp && logAll(pool, t)) {
            out.log(down.line());
        }
        if (!exhausted) {
            c.retryIt++;
            c.hasRun = true;
            return new Next(t.delayBeforeRetry(), false);
        }
        c.retryIt = 0;
        if (counting) {
            if (!check.logsFinalFailure()) {
                check.downLine(c.hasRun && t.retry() > 0 ? t.retry() : 0, down).ifPresent(out::log);
            }
            boolean checkerWasUp = c.isUp;
            boolean wasAlive = rs.alive;
            pool.checkerState(c, false);
            if (checkerWasUp) {
                pool.checkerAlert(rs, wasAlive, check.downAlert(down));
            }
        }
        c.hasRun = true;
        return new Next(check.retriesWhileDown() ? t.delayLoop() : max(t.delayBeforeRetry(), t.delayLoop()), false);
    }

    private static Next misc(VirtualServerPool pool, CheckerSlot c, MiscHealthCheck check, CheckResult result,
                             CheckerTiming t) {
        PoolListener out = pool.listener();
        RealServerEntry rs = c.server;
        boolean success = result instanceof CheckResult.Up;
        String exitType = null;
        boolean messageOnly = false;
        if (result instanceof CheckResult.Up up) {
            long status = check.lastExitStatus();
            if (status != c.lastExitCode) {
                long effective = rs.effectiveWeight - c.curWeight;
                c.curWeight = up.weight().isPresent() ? up.weight().getAsLong() - rs.baseWeight : 0;
                effective += c.curWeight;
                pool.setEffectiveWeight(rs, effective, true);
                c.lastExitCode = status;
            }
            if (!c.isUp || !c.hasRun) {
                exitType = "succeeded";
            }
            c.retryIt = 0;
        } else if (c.isUp || !c.hasRun) {
            exitType = check.lastFailureType();
            if (c.retryIt < t.retry()) {
                c.retryIt++;
                if (logAll(pool, t)) {
                    messageOnly = true;
                } else {
                    exitType = null;
                }
            } else {
                c.retryIt = 0;
                rs.effectiveWeight -= c.curWeight;
                c.curWeight = 0;
                c.lastExitCode = check.lastExitStatus();
            }
        }
        if (exitType != null) {
            String message;
            if (!success) {
                long retry = t.retry();
                if (retry > 0) {
                    if (c.retryIt == 1) {
                        message = ", will do " + retry + " " + (retry == 1 ? "retry" : "retries");
                    } else if (c.retryIt > 1) {
                        message = " on retry " + (c.retryIt - 1) + "/" + retry;
                    } else {
                        message = " after " + retry + " " + (retry == 1 ? "retry" : "retries");
                    }
                } else {
                    message = " with retry disabled";
                }
            } else {
                message = "";
            }
            String reason = success ? "" : check.lastFailureReason().map(r -> " (" + r + ")").orElse("");
            out.log("Misc check for [" + rs.text + " VS " + pool.text + "] by [" + check.program() + "] " + exitType
                    + message + reason + ".");
            if (!messageOnly) {
                boolean wasAlive = rs.alive;
                pool.checkerState(c, success);
                if (!success) {
                    c.curWeight = 0;
                }
                pool.checkerAlert(rs, wasAlive, "=> MISC CHECK " + exitType + " on service <=");
            }
        }
        c.hasRun = true;
        return new Next(c.retryIt > 0 ? t.delayBeforeRetry() : t.delayLoop(), true);
    }

    /**
     * A FILE_CHECK's file now reads {@code status} (already multiplied by its weight and clamped,
     * or {@link #WEIGHT_FAULT}): keepalived's process_update_checker_track_file_status().
     */
    static void fileStatus(VirtualServerPool pool, CheckerSlot c, long previous, long status) {
        if (previous == status) {
            return;
        }
        RealServerEntry rs = c.server;
        if (status == WEIGHT_FAULT) {
            pool.checkerState(c, false);
            rs.effectiveWeight -= c.curWeight;
            c.curWeight = 0;
        } else if (previous == WEIGHT_FAULT) {
            c.curWeight = status;
            rs.effectiveWeight += status;
            pool.checkerState(c, true);
        } else {
            pool.setEffectiveWeight(rs, rs.effectiveWeight + status - previous, true);
            c.curWeight = status;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
