package io.keepalived4j.config.schema;

/** Which keepalived knows a keyword, and whether keepalived4j acts on it. */
public enum Availability {
    /** Known to keepalived 2.2.7, our interop peer. */
    KEEPALIVED_2_2,
    /** Only keepalived 2.4 knows it: parsed, with a warning that 2.2.7 would reject it. */
    KEEPALIVED_2_4_ONLY,
    /** Parsed but not run by keepalived4j (BFD, SNMP, DBus): one clear warning. */
    UNSUPPORTED
}
