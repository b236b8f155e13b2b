package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A {@code vrrp_script} (features.md section 6).
 *
 * @param name            the name track_script refers to
 * @param script          the command
 * @param intervalSeconds period (1)
 * @param timeoutSeconds  run time before it counts as failed (= interval)
 * @param weight          -253..253; 0 means FAULT on failure
 * @param reverse         weight applies in reverse
 * @param rise            consecutive successes to count as up (1)
 * @param fall            consecutive failures to count as down (1)
 * @param initFail        start in the failed state
 * @param position        where it is defined
 */
public record VrrpScript(String name, Script script, double intervalSeconds, double timeoutSeconds, int weight,
                         boolean reverse, int rise, int fall, boolean initFail, Position position) {
}
