package io.keepalived4j.vrrp.codec;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Per-instance counts of rejected adverts, by reason: what status and metrics report. */
public final class RejectCounters {

    private final EnumMap<RejectReason, LongAdder> counts = new EnumMap<>(RejectReason.class);

    public RejectCounters() {
        for (RejectReason r : RejectReason.values()) {
            counts.put(r, new LongAdder());
        }
    }

    public void count(RejectReason reason) {
        counts.get(reason).increment();
    }

    public long get(RejectReason reason) {
        return counts.get(reason).sum();
    }

    /** A copy of the non-zero counts. */
    public Map<RejectReason, Long> snapshot() {
        EnumMap<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        counts.forEach((r, c) -> {
            long v = c.sum();
            if (v != 0) {
                out.put(r, v);
            }
        });
        return out;
    }
}
