package io.keepalived4j.config.model;

/**
 * Gratuitous ARP / unsolicited NA timing (features.md section 4, per instance in section 8).
 *
 * @param masterDelaySeconds      second burst after becoming master (0 = none); default 5
 * @param masterRepeat            GARPs per VIP per burst; default 5
 * @param masterRefreshSeconds    periodic GARP while master (0 = off)
 * @param masterRefreshRepeat     GARPs per refresh; default 1
 * @param lowerPrioDelaySeconds   burst when a master hears a lower priority; default = masterDelay
 * @param lowerPrioRepeat         GARPs in that burst; default = masterRepeat
 * @param intervalSeconds         spacing between GARPs on one interface (vrrp_garp_interval)
 * @param gnaIntervalSeconds      spacing between NAs on one interface (vrrp_gna_interval)
 */
public record GarpSettings(double masterDelaySeconds, int masterRepeat, double masterRefreshSeconds,
                           int masterRefreshRepeat, double lowerPrioDelaySeconds, int lowerPrioRepeat,
                           double intervalSeconds, double gnaIntervalSeconds) {

    public static final GarpSettings DEFAULTS = new GarpSettings(5, 5, 0, 1, 5, 5, 0, 0);
}
