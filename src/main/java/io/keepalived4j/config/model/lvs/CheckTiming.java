package io.keepalived4j.config.model.lvs;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The checker settings a virtual server passes down to its real servers, and a real server to
 * its checkers. Values a level does not set stay empty and are filled further down: a checker
 * falls back to its own default (see features.md section 12).
 *
 * @param delayLoop        {@code delay_loop}, default 60 s
 * @param connectTimeout   {@code connect_timeout}, default 5 s
 * @param retry            {@code retry}
 * @param delayBeforeRetry {@code delay_before_retry}
 * @param warmup           {@code warmup}
 */
public record CheckTiming(Duration delayLoop, Duration connectTimeout, OptionalLong retry,
                          Optional<Duration> delayBeforeRetry, Optional<Duration> warmup) {

    public static final Duration DEFAULT_DELAY_LOOP = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** A virtual server's values when it sets none. */
    public static final CheckTiming DEFAULTS = new CheckTiming(DEFAULT_DELAY_LOOP, DEFAULT_CONNECT_TIMEOUT,
            OptionalLong.empty(), Optional.empty(), Optional.empty());
}
