package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.Script;

import java.time.Duration;

/**
 * {@code MISC_CHECK}: runs a script; exit 0 means up. With {@code misc_dynamic}, exit codes
 * 2..255 also mean up and set the weight to code - 2.
 *
 * @param script  {@code misc_path} with {@code user}
 * @param timeout {@code misc_timeout}, else the virtual server's delay_loop
 * @param dynamic {@code misc_dynamic}
 */
public record MiscCheck(Script script, Duration timeout, boolean dynamic, CheckerTiming timing, Position position)
        implements TimedChecker {

    @Override
    public String keyword() {
        return "MISC_CHECK";
    }
}
