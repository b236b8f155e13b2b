package io.keepalived4j.config.model;

/** {@code auth_type}: VRRPv2 authentication (RFC 3768 section 5.3.6). */
public enum AuthType {
    NONE,
    PASS,
    AH
}
