package io.keepalived4j.config.model;

/** LVS side of the configuration (placeholder, filled by the model builder work). */
public record LvsSection() {
}
