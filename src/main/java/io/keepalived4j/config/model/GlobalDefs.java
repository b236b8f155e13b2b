package io.keepalived4j.config.model;

/** global_defs (placeholder, filled by the model builder work). */
public record GlobalDefs(String routerId) {
}
