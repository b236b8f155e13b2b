package io.keepalived4j.lb.persist;

/**
 * The send rate bound: {@code rate} tokens a second, bursts of {@code burst}, as the generic cell
 * rate algorithm keeps it (one number, the theoretical arrival time). Not thread-safe: the sender
 * thread owns it. Time is passed in.
 */
final class TokenBucket {

    private final long intervalNanos;
    private final long toleranceNanos;
    private long tat;
    private boolean started;

    TokenBucket(int ratePerSecond, int burst) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.intervalNanos = 1_000_000_000L / ratePerSecond;
        this.toleranceNanos = (burst - 1) * intervalNanos;
    }

    /** Takes a token and returns 0, or returns how long to wait before one is there (taking none). */
    long take(long now) {
        if (!started || tat - now < 0) {
            tat = now;
            started = true;
        }
        long wait = tat - now - toleranceNanos;
        if (wait > 0) {
            return wait;
        }
        tat += intervalNanos;
        return 0;
    }
}
