package io.keepalived4j.daemon;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * When, on the VRRP loop's clock, a packet read in this batch reached the kernel: the timers an
 * advert arms (Master_Down_Interval, Skew_Time after a priority-0 advert) count from there
 * (RFC 5798 section 6.4.2), not from when the loop woke up and read it, which on a loaded host is
 * milliseconds later and made every takeover that much later than the bound.
 *
 * <p>The kernel stamps with CLOCK_REALTIME (SO_TIMESTAMPNS), the loop counts on the monotonic
 * clock: the packet's age is the wall clock now minus its stamp, taken back from the loop's now.
 * The wall clock may be stepped (NTP, an operator) between the two, so the age is bounded: never
 * negative (a packet does not arrive after it is read) and never older than the previous read of
 * the same socket (a packet still queued then counts from then, later than it truly came, as
 * before stamps). A packet without a stamp counts from the batch's wake-up, as before.
 *
 * <p>Loop thread only. One per socket.
 */
final class ArrivalAnchor {

    private static final long NONE = Long.MIN_VALUE;

    private final LongSupplier loopMicros;
    private final LongSupplier realtimeNanos;
    private long previousRead = NONE;
    private long batchWake;
    private boolean clocksRead;
    private long loopNow;
    private long realNow;

    ArrivalAnchor(LongSupplier loopMicros) {
        this(loopMicros, ArrivalAnchor::wallClockNanos);
    }

    ArrivalAnchor(LongSupplier loopMicros, LongSupplier realtimeNanos) {
        this.loopMicros = loopMicros;
        this.realtimeNanos = realtimeNanos;
    }

    /** A batch of reads starts; {@code wakeMicros}: when the loop's wait ended (the loop's clock). */
    void begin(long wakeMicros) {
        batchWake = wakeMicros;
        clocksRead = false;
    }

    /** The batch is read: what is queued from now on was not there at this read. */
    void end() {
        previousRead = batchWake;
    }

    /** The loop-clock instant the packet with {@code kernelStampNanos} (0: none) arrived at. */
    long arrived(long kernelStampNanos) {
        if (kernelStampNanos == 0) {
            return batchWake;
        }
        if (!clocksRead) {
            // Read together, once a batch: the two clocks' readings differ by the time between them.
            loopNow = loopMicros.getAsLong();
            realNow = realtimeNanos.getAsLong();
            clocksRead = true;
        }
        long oldest = previousRead == NONE ? 0 : Math.max(0, loopNow - previousRead);
        long ageMicros = Math.clamp((realNow - kernelStampNanos) / 1_000, 0, oldest);
        return loopNow - ageMicros;
    }

    private static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
