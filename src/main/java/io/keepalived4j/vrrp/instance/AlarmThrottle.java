package io.keepalived4j.vrrp.instance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Bounded memory and a rate limit for alarms fed from the network (split-brain reports): each
 * distinct key (a source and a reason, a VIP and a MAC) is reported once, but at most one report is
 * written per {@code intervalMicros}, and only the last {@code maxKeys} keys are remembered. Spoofed
 * packets from a million random sources therefore cost {@code maxKeys} entries and a few log lines,
 * each saying how many alarms it stands for. The clock is passed in: tested in virtual time.
 *
 * <pre>{@code
 * AlarmThrottle t = new AlarmThrottle(64, 10_000_000);
 * t.admit("10.0.0.9/PASSWORD_MISMATCH", now).ifPresent(suppressed -> log.error(line + suffix(suppressed)));
 * }</pre>
 */
public final class AlarmThrottle {

    private final int maxKeys;
    private final long intervalMicros;
    private final Map<String, Boolean> seen;
    private long lastReportAt = Long.MIN_VALUE;
    private long suppressed;

    /**
     * @param maxKeys        how many keys are remembered (least recently seen forgotten first)
     * @param intervalMicros at least this long between two reports
     */
    public AlarmThrottle(int maxKeys, long intervalMicros) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.intervalMicros = intervalMicros;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > AlarmThrottle.this.maxKeys;
            }
        };
    }

    /**
     * An alarm for {@code key} now: the number of alarms suppressed since the last report when this
     * one is to be reported, empty when it is a repeat or falls inside the rate limit.
     */
    public OptionalLong admit(String key, long nowMicros) {
        boolean isNew = seen.put(key, Boolean.TRUE) == null;
        if (!isNew) {
            return OptionalLong.empty();
        }
        if (lastReportAt != Long.MIN_VALUE && nowMicros - lastReportAt < intervalMicros) {
            suppressed++;
            return OptionalLong.empty();
        }
        long s = suppressed;
        suppressed = 0;
        lastReportAt = nowMicros;
        return OptionalLong.of(s);
    }

    /** How many keys are remembered now (at most maxKeys). */
    public int remembered() {
        return seen.size();
    }

    /** The text to append to a report that stands for {@code suppressed} more alarms. */
    public static String suffix(long suppressed) {
        return suppressed == 0 ? "" : " [" + suppressed + " more alarms from other sources since the last report]";
    }
}
