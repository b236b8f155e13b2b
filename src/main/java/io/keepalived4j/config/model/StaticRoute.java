package io.keepalived4j.config.model;

import io.keepalived4j.config.Position;

/**
 * A route of {@code static_routes} / {@code virtual_routes}, in {@code ip route} syntax.
 *
 * @param destination destination prefix ("default" allowed), empty when not given
 * @param via         gateway, empty when none
 * @param device      interface, empty when none
 * @param table       routing table, empty for main
 * @param type        blackhole/unreachable/prohibit/throw, empty for unicast
 * @param text        the whole line as written
 * @param position    where it is configured
 */
public record StaticRoute(String destination, String via, String device, String table, String type, String text,
                          Position position) {
}
