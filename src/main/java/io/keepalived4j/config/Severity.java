package io.keepalived4j.config;

/** How bad a diagnostic is for us; see {@link KaStatus} for what keepalived 2.2.7 would make of it. */
public enum Severity {
    /** The configuration cannot be used as written (keepalived refuses or drops part of it). */
    ERROR,
    /** Accepted, but probably not what the author meant, or deprecated. */
    WARNING,
    /** Advice only: a hint of ours that keepalived does not give. */
    NOTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
