package io.keepalived4j.vrrp.engine;

/**
 * RFC 5798 section 6.1 timers, in microseconds, computed as keepalived does (vrrp.h
 * {@code VRRP_TIMER_SKEW}): integer arithmetic on microseconds.
 */
public final class Timing {

    private static final long SECOND = 1_000_000L;

    private Timing() {
    }

    /**
     * Skew_Time. Version 3 (RFC 5798): ((256 - Priority) * Master_Adver_Interval) / 256. Version 2
     * (RFC 3768 section 6.1): (256 - Priority) / 256 seconds, whatever the interval.
     */
    public static long skewTimeMicros(int version, int priority, int masterAdverCentis) {
        long base = version == 3 ? masterAdverCentis * 10_000L : SECOND;
        return ((256L - priority) * base) / 256L;
    }

    /** Master_Down_Interval = down_timer_adverts * Master_Adver_Interval + Skew_Time. */
    public static long masterDownIntervalMicros(int version, int priority, int masterAdverCentis, int downTimerAdverts) {
        return downTimerAdverts * masterAdverCentis * 10_000L + skewTimeMicros(version, priority, masterAdverCentis);
    }

    public static long centisToMicros(int centis) {
        return centis * 10_000L;
    }
}
