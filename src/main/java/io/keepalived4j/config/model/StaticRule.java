package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A rule of {@code static_rules} / {@code virtual_rules}, in {@code ip rule} syntax.
 *
 * @param from       source selector, empty when none
 * @param to         destination selector, empty when none
 * @param table      table, empty when none
 * @param preference preference, or -1 when not given (keepalived then picks one and warns)
 * @param text       the whole line as written
 * @param position   where it is configured
 */
public record StaticRule(String from, String to, String table, long preference, String text, Position position) {
}
