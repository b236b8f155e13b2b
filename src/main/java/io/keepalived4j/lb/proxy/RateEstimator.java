package io.keepalived4j.lb.proxy;

/**
 * IPVS's rate estimator (ip_vs_est.c): every 2 s the counters' growth becomes a per-second rate,
 * smoothed by avg += (rate - avg) / 4, so a rate settles within a few samples and one burst does
 * not dominate. Sampled by one timer thread, read by anyone.
 */
final class RateEstimator {

    private long lastNanos = -1;
    private final long[] last = new long[5];
    private final double[] avg = new double[5];
    private volatile Traffic.Rates current = Traffic.Rates.ZERO;

    synchronized void sample(long nanos, long... totals) {
        if (lastNanos >= 0 && nanos > lastNanos) {
            double seconds = (nanos - lastNanos) / 1e9;
            for (int i = 0; i < avg.length; i++) {
                double rate = (totals[i] - last[i]) / seconds;
                avg[i] += (rate - avg[i]) / 4;
            }
            current = new Traffic.Rates(Math.round(avg[0]), Math.round(avg[1]), Math.round(avg[2]),
                    Math.round(avg[3]), Math.round(avg[4]));
        }
        lastNanos = nanos;
        System.arraycopy(totals, 0, last, 0, last.length);
    }

    Traffic.Rates current() {
        return current;
    }
}
