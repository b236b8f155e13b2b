package io.keepalived4j.vrrp.engine;

/** RFC 5798 section 6.4 states, plus keepalived's FAULT and STOP. */
public enum VrrpState {
    INIT,
    BACKUP,
    MASTER,
    FAULT,
    STOP;

    /** keepalived's log word: "(VI_1) Entering MASTER STATE". */
    public String logName() {
        return name();
    }
}
