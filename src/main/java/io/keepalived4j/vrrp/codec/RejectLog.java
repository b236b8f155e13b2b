package io.keepalived4j.vrrp.codec;

import java.util.EnumMap;
import java.util.Optional;

/**
 * Rate-limited log lines for rejected adverts: the first of each reason is logged at once, later
 * ones at most once per interval, with how many were not logged in between. A peer with a wrong
 * password sends an advert every second; the log should say so, not repeat it 86,400 times a day.
 * The clock is passed in, so the rule is tested in virtual time.
 */
public final class RejectLog {

    private record Window(long lastLoggedAt, long suppressed) {
    }

    private final String instance;
    private final long intervalMicros;
    private final EnumMap<RejectReason, Window> windows = new EnumMap<>(RejectReason.class);

    /**
     * @param instance       instance name, for keepalived's "(VI_1) " prefix
     * @param intervalMicros at most one line per reason per this interval
     */
    public RejectLog(String instance, long intervalMicros) {
        this.instance = instance;
        this.intervalMicros = intervalMicros;
    }

    /** The line to log for this rejection, or empty when it falls inside the reason's window. */
    public Optional<String> reject(RejectReason reason, String detail, long nowMicros) {
        Window w = windows.get(reason);
        if (w != null && nowMicros - w.lastLoggedAt() < intervalMicros) {
            windows.put(reason, new Window(w.lastLoggedAt(), w.suppressed() + 1));
            return Optional.empty();
        }
        long suppressed = w == null ? 0 : w.suppressed();
        windows.put(reason, new Window(nowMicros, 0));
        String line = "(" + instance + ") " + reason.format(detail);
        if (suppressed > 0) {
            line += " [" + suppressed + " more since the last report]";
        }
        return Optional.of(line);
    }
}
