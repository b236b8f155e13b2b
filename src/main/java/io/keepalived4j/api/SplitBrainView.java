package io.keepalived4j.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Split-brain reports of an instance: another master's adverts heard while MASTER, or our VIP
 * answered by another MAC.
 *
 * @param reports how many were reported
 * @param last    the last report's log line
 * @param lastAt  when it was reported
 */
public record SplitBrainView(long reports, Optional<String> last, Optional<Instant> lastAt) {

    public static final SplitBrainView NONE = new SplitBrainView(0, Optional.empty(), Optional.empty());
}
