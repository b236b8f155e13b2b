package io.keepalived4j.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured side of an instance that keepalived's dumps print.
 *
 * @param advertIntervalCentis advert_int
 * @param preempt              false with nopreempt
 * @param preemptDelayMicros   preempt_delay
 * @param accept               accept mode
 * @param strict               vrrp_strict
 * @param authType             "none", "PASS" or "AH"
 * @param sourceAddress        the adverts' source address
 * @param sourceFromConfig     whether mcast_src_ip / unicast_src_ip chose it
 * @param multicastGroup       the group, empty with unicast
 * @param unicastPeers         the unicast peers
 * @param garp                 gratuitous ARP timing
 * @param downTimerAdverts     adverts in Master_Down_Interval
 * @param lowerPrioNoAdvert    lower_prio_no_advert
 * @param higherPrioSendAdvert higher_prio_send_advert
 * @param notifyScripts        notify scripts by keepalived's JSON key (script, script_master, ...)
 * @param smtpAlert            smtp_alert
 * @param syncGroup            the vrrp_sync_group it belongs to, if any
 */
public record InstanceSettings(int advertIntervalCentis, boolean preempt, long preemptDelayMicros, boolean accept,
                               boolean strict, String authType, String sourceAddress, boolean sourceFromConfig,
                               Optional<String> multicastGroup, List<String> unicastPeers, Garp garp,
                               int downTimerAdverts, boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                               Map<String, String> notifyScripts, boolean smtpAlert, Optional<String> syncGroup) {

    public InstanceSettings {
        unicastPeers = List.copyOf(unicastPeers);
        notifyScripts = Map.copyOf(notifyScripts);
    }

    /** Outside any sync group. */
    public InstanceSettings(int advertIntervalCentis, boolean preempt, long preemptDelayMicros, boolean accept,
                            boolean strict, String authType, String sourceAddress, boolean sourceFromConfig,
                            Optional<String> multicastGroup, List<String> unicastPeers, Garp garp,
                            int downTimerAdverts, boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                            Map<String, String> notifyScripts, boolean smtpAlert) {
        this(advertIntervalCentis, preempt, preemptDelayMicros, accept, strict, authType, sourceAddress, sourceFromConfig,
                multicastGroup, unicastPeers, garp, downTimerAdverts, lowerPrioNoAdvert, higherPrioSendAdvert,
                notifyScripts, smtpAlert, Optional.empty());
    }

    /**
     * keepalived's gratuitous ARP settings (vrrp_data.c dump_vrrp()).
     *
     * @param delayMicros          garp_master_delay
     * @param repeat               garp_master_repeat
     * @param refreshMicros        garp_master_refresh
     * @param refreshRepeat        garp_master_refresh_repeat
     * @param lowerPrioDelayMicros garp_lower_prio_delay
     * @param lowerPrioRepeat      garp_lower_prio_repeat
     */
    public record Garp(long delayMicros, int repeat, long refreshMicros, int refreshRepeat, long lowerPrioDelayMicros,
                       int lowerPrioRepeat) {
    }
}
