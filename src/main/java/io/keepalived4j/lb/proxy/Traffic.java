package io.keepalived4j.lb.proxy;

/**
 * A snapshot of {@link TrafficCounters}.
 *
 * @param active      connections (UDP: flows) open now
 * @param connections connections (flows) since start
 * @param rates       the smoothed per-second rates
 */
public record Traffic(int active, long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                      Rates rates) {

    /** IPVS's estimator output: connections, packets and bytes per second. */
    public record Rates(long cps, long inPps, long outPps, long inBps, long outBps) {
        public static final Rates ZERO = new Rates(0, 0, 0, 0, 0);
    }
}
