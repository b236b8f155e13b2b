package io.keepalived4j.config.model;

/** The {@code state} keyword: the state an instance wishes to start in. */
public enum VrrpState {
    MASTER,
    BACKUP
}
