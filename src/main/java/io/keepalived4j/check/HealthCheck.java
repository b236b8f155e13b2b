package io.keepalived4j.check;

import java.util.Optional;

/**
 * One kind of health check bound to one real server: a TCP connect, an HTTP GET of every url, a
 * script... It makes attempts and words their outcome as keepalived 2.2.7 does; when to attempt and
 * what a run of results means (retries, up, down) is {@link CheckerState}'s job.
 *
 * <p>Attempts are blocking and run on virtual threads, one at a time per check. An attempt ends
 * within the check's own time limit (connect_timeout, misc_timeout) whatever the server does, holds
 * bounded memory, and never throws but {@link InterruptedException} (the daemon stopping): every
 * failure is a {@link CheckResult.Down} with keepalived's wording.
 */
public interface HealthCheck {

    CheckResult attempt() throws InterruptedException;

    /**
     * Logged when the check passes while it was down, or on its first run, e.g. {@code TCP
     * connection to [10.0.0.2]:tcp:80 success.}; empty for checkers that log nothing then (DNS).
     */
    Optional<String> upLine();

    /**
     * Logged when the check is declared down, e.g. {@code TCP_CHECK on service [10.0.0.2]:tcp:80
     * failed after 1 retries.} ({@code retries} > 0) or {@code ... failed.} (0: no retry was made).
     *
     * @param last the failure that ended the attempts (DNS words the line from it)
     */
    Optional<String> downLine(long retries, CheckResult.Down last);

    /** Body of the smtp_alert sent when the check comes up: {@code => TCP CHECK succeed on service <=}. */
    String upAlert();

    /** Body of the smtp_alert sent when the check goes down. */
    String downAlert(CheckResult.Down last);

    /**
     * Whether the failure line of the attempt that takes the check down is logged even without
     * log_all_failures (SMTP_CHECK and DNS_CHECK do; TCP_CHECK logs its own down line instead).
     */
    default boolean logsFinalFailure() {
        return false;
    }

    /**
     * Whether failures keep counting retries once the check is down (TCP_CHECK and SMTP_CHECK do:
     * a down server is retried after delay_before_retry); the others wait
     * max(delay_before_retry, delay_loop) between attempts while down.
     */
    default boolean retriesWhileDown() {
        return true;
    }
}
