package io.keepalived4j.vrrp.engine;

import java.net.InetAddress;

/**
 * What the state machine needs to know about one VRRP instance.
 *
 * @param name                   instance name, for log lines ("VI_1")
 * @param vrid                   virtual router id
 * @param version                2 or 3
 * @param priority               base priority 1..255 (255: address owner)
 * @param advertIntervalCentis   our advertisement interval
 * @param preempt                false with {@code nopreempt}
 * @param downTimerAdverts       adverts in Master_Down_Interval (keepalived's down_timer_adverts, 3)
 * @param garpMasterRepeat       gratuitous ARPs per address per burst (5)
 * @param garpMasterDelayMicros  second burst after becoming master, 0 for none (5 s)
 * @param lowerPrioNoAdvert      a master does not answer lower-priority adverts
 * @param primaryAddress         our address, for the tie-break between equal priorities
 * @param preemptDelayMicros     preempt_delay: how long a lower-priority master is still accepted
 * @param garp                   refresh and lower-priority gratuitous ARP timing
 * @param strict                 vrrp_strict: an address owner ignores adverts (features.md section 10)
 * @param higherPrioSendAdvert   higher_prio_send_advert: a master hearing a higher priority sends one
 *                               more advert of its own before it becomes backup
 * @param ownerIgnoreAdverts     owner_ignore_adverts (keepalived 2.3.3+; on in strict mode): the address
 *                               owner ignores every advert
 */
public record InstanceParameters(String name, int vrid, int version, int priority, int advertIntervalCentis,
                                 boolean preempt, int downTimerAdverts, int garpMasterRepeat, long garpMasterDelayMicros,
                                 boolean lowerPrioNoAdvert, InetAddress primaryAddress, long preemptDelayMicros,
                                 GarpTiming garp, boolean strict, boolean higherPrioSendAdvert,
                                 boolean ownerIgnoreAdverts) {

    /**
     * keepalived's periodic and lower-priority gratuitous ARPs (vrrp-wire.md section 8).
     *
     * @param refreshMicros        garp_master_refresh: a burst every this long while MASTER (0: never)
     * @param refreshRepeat        garp_master_refresh_repeat: GARPs per address in that burst
     * @param lowerPrioDelayMicros garp_lower_prio_delay: a second burst this long after the first
     * @param lowerPrioRepeat      garp_lower_prio_repeat: GARPs per address when a master hears a
     *                             lower priority (0: none)
     */
    public record GarpTiming(long refreshMicros, int refreshRepeat, long lowerPrioDelayMicros, int lowerPrioRepeat) {
        /** keepalived's defaults for a master with garp_master_repeat 5 and garp_master_delay 5 s. */
        public static final GarpTiming DEFAULTS = new GarpTiming(0, 1, 5_000_000L, 5);
        /** No refresh and no lower-priority bursts, for tests that count every gratuitous ARP. */
        public static final GarpTiming NONE = new GarpTiming(0, 1, 0, 0);
    }

    /** Without preempt_delay, lower-priority GARPs or strict mode. */
    public InstanceParameters(String name, int vrid, int version, int priority, int advertIntervalCentis,
                              boolean preempt, int downTimerAdverts, int garpMasterRepeat, long garpMasterDelayMicros,
                              boolean lowerPrioNoAdvert, InetAddress primaryAddress) {
        this(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts, garpMasterRepeat,
                garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, 0, GarpTiming.NONE, false, false, false);
    }

    public static final int OWNER_PRIORITY = 255;

    /** keepalived's defaults for everything but identity, priority and interval (GARP extras off). */
    public static InstanceParameters of(String name, int vrid, int version, int priority, int advertIntervalCentis,
                                        InetAddress primaryAddress) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, true, 3, 5, 5_000_000L,
                false, primaryAddress);
    }

    public InstanceParameters withPreempt(boolean p) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, p, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros, garp, strict, higherPrioSendAdvert, ownerIgnoreAdverts);
    }

    public InstanceParameters withPreemptDelay(long micros) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, micros, garp, strict, higherPrioSendAdvert, ownerIgnoreAdverts);
    }

    public InstanceParameters withGarp(GarpTiming timing) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros, timing, strict, higherPrioSendAdvert, ownerIgnoreAdverts);
    }

    public InstanceParameters withStrict(boolean s) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros, garp, s, higherPrioSendAdvert, ownerIgnoreAdverts);
    }

    public InstanceParameters withPriority(int p) {
        return new InstanceParameters(name, vrid, version, p, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros, garp, strict, higherPrioSendAdvert, ownerIgnoreAdverts);
    }

    public InstanceParameters withLowerPrioNoAdvert(boolean l) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, l, primaryAddress, preemptDelayMicros, garp, strict,
                higherPrioSendAdvert, ownerIgnoreAdverts);
    }

    public InstanceParameters withHigherPrioSendAdvert(boolean h) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros, garp, strict,
                h, ownerIgnoreAdverts);
    }

    public InstanceParameters withOwnerIgnoreAdverts(boolean o) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros, garp, strict,
                higherPrioSendAdvert, o);
    }

    /** The advertisement interval in microseconds. */
    public long advertIntervalMicros() {
        return Timing.centisToMicros(advertIntervalCentis);
    }

    public boolean isAddressOwner() {
        return priority == OWNER_PRIORITY;
    }
}
