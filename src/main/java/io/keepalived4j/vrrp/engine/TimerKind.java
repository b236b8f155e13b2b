package io.keepalived4j.vrrp.engine;

/** The timers one instance runs. */
public enum TimerKind {
    /** MASTER: send the next advertisement (RFC 5798 Adver_Timer). */
    ADVERT,
    /** BACKUP: no advert heard for Master_Down_Interval (RFC 5798 Master_Down_Timer). */
    MASTER_DOWN,
    /** MASTER: the second gratuitous ARP burst, garp_master_delay after becoming master. */
    GARP_REPEAT,
    /** MASTER: the periodic gratuitous ARP burst, every garp_master_refresh. */
    GARP_REFRESH,
    /** MASTER: the second burst after hearing a lower priority, garp_lower_prio_delay later. */
    GARP_LOWER_PRIO
}
