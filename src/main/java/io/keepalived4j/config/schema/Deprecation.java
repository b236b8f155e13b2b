package io.keepalived4j.config.schema;

import io.keepalived4j.config.KaStatus;

/**
 * An old keyword name that still works.
 *
 * @param replacement the keyword to use instead (may be a phrase, e.g. "global lvs_sync_daemon")
 * @param kaStatus    what keepalived 2.2.7 records when it meets the old name ({@link KaStatus#NONE}
 *                    when it accepts it silently, as it does {@code lb_algo})
 */
public record Deprecation(String replacement, KaStatus kaStatus) {
}
