package io.keepalived4j.config.model.lvs;

import java.time.Duration;

/**
 * A checker's schedule after keepalived's resolution (check_data.c {@code validate_check_config()}):
 * each value comes from the checker block, else the real server, else the virtual server, else
 * the checker type's default.
 *
 * @param delayLoop        time between checks (default 60 s)
 * @param retry            further attempts before a server is declared down (default 1; DNS 3; MISC 0)
 * @param delayBeforeRetry time between those attempts (default 1 s; HTTP/SSL 3 s; DNS = delay_loop)
 * @param warmup           upper bound of the random delay before the first check (default delay_loop)
 * @param alpha            start with the server down until the first success
 * @param logAllFailures   log every failed check, not only state changes
 */
public record CheckerTiming(Duration delayLoop, long retry, Duration delayBeforeRetry, Duration warmup,
                            boolean alpha, boolean logAllFailures) {
}
