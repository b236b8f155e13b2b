package io.keepalived4j.config.model;

/** VRRP side of the configuration (placeholder, filled by the model builder work). */
public record VrrpSection() {
}
