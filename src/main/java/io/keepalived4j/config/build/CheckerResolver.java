package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.CheckTiming;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.CheckerTiming;
import io.keepalived4j.config.model.lvs.ConnectionOptions;

import java.time.Duration;
import java.util.Optional;

/**
 * Applies keepalived's resolution order to a checker (check_data.c, end of
 * {@code validate_check_config()}): the checker's own value, else the real server's (which
 * already holds the virtual server's when it sets none), else the checker type's default.
 * warmup falls back to the checker's delay_loop, and so does delay_before_retry for types whose
 * default is "delay_loop" (DNS_CHECK).
 */
final class CheckerResolver {

    private CheckerResolver() {
    }

    /**
     * The values a finisher needs.
     *
     * @param timing          resolved schedule
     * @param connection      resolved connection (null for checkers that do not connect)
     * @param serviceDelayLoop the virtual server's delay_loop (MISC_CHECK's default timeout)
     * @param serverVirtualhost the real server's virtualhost, else the virtual server's (HTTP Host)
     */
    record Resolved(CheckerTiming timing, ConnectionOptions connection, Duration serviceDelayLoop,
                    Optional<String> serverVirtualhost) {
    }

    /**
     * @param server      the real server's effective settings (own over virtual server's)
     * @param serverAlpha the real server's effective alpha
     * @param serverPort  the real server's port as written (the default connect_port)
     */
    static Checker resolve(CheckerDraft draft, CheckTiming server, boolean serverAlpha, int serverPort,
                           Duration serviceDelayLoop, Optional<String> serverVirtualhost) {
        CheckerCommon c = draft.common();
        Duration delayLoop = c.delayLoop != null ? c.delayLoop : server.delayLoop();
        long retry = c.retry != null ? c.retry : server.retry().orElse(draft.defaultRetry());
        Duration delayBeforeRetry = c.delayBeforeRetry != null ? c.delayBeforeRetry
                : server.delayBeforeRetry().orElse(Optional.ofNullable(draft.defaultDelayBeforeRetry())
                .filter(d -> !d.isZero()).orElse(delayLoop));
        Duration warmup = c.warmup != null ? c.warmup : server.warmup().orElse(delayLoop);
        boolean alpha = c.alpha != null ? c.alpha : serverAlpha;
        CheckerTiming timing = new CheckerTiming(delayLoop, retry, delayBeforeRetry, warmup, alpha, c.logAllFailures);
        ConnectionOptions connection = new ConnectionOptions(c.destination(),
                c.connectPort != null ? c.connectPort : serverPort, Optional.ofNullable(c.bindTo), c.bindPort,
                Optional.ofNullable(c.bindInterface), c.fwmark,
                c.connectTimeout != null ? c.connectTimeout : server.connectTimeout());
        return draft.finisher().finish(new Resolved(timing, connection, serviceDelayLoop, serverVirtualhost));
    }
}
