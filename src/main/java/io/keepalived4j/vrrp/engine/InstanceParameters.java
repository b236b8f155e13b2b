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
 */
public record InstanceParameters(String name, int vrid, int version, int priority, int advertIntervalCentis,
                                 boolean preempt, int downTimerAdverts, int garpMasterRepeat, long garpMasterDelayMicros,
                                 boolean lowerPrioNoAdvert, InetAddress primaryAddress, long preemptDelayMicros) {

    /** Without preempt_delay. */
    public InstanceParameters(String name, int vrid, int version, int priority, int advertIntervalCentis,
                              boolean preempt, int downTimerAdverts, int garpMasterRepeat, long garpMasterDelayMicros,
                              boolean lowerPrioNoAdvert, InetAddress primaryAddress) {
        this(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts, garpMasterRepeat,
                garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, 0);
    }

    public static final int OWNER_PRIORITY = 255;

    /** keepalived's defaults for everything but identity, priority and interval. */
    public static InstanceParameters of(String name, int vrid, int version, int priority, int advertIntervalCentis,
                                        InetAddress primaryAddress) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, true, 3, 5, 5_000_000L,
                false, primaryAddress);
    }

    public InstanceParameters withPreempt(boolean p) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, p, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, preemptDelayMicros);
    }

    public InstanceParameters withPreemptDelay(long micros) {
        return new InstanceParameters(name, vrid, version, priority, advertIntervalCentis, preempt, downTimerAdverts,
                garpMasterRepeat, garpMasterDelayMicros, lowerPrioNoAdvert, primaryAddress, micros);
    }

    public boolean isAddressOwner() {
        return priority == OWNER_PRIORITY;
    }
}
