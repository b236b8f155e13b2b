package io.keepalived4j.api;

import java.time.Instant;

/**
 * A router whose adverts an instance accepted.
 *
 * @param address              its source address
 * @param priority             the priority of its last advert
 * @param advertIntervalCentis the interval of its last advert
 * @param adverts              adverts accepted from it
 * @param lastHeard            when the last one came
 */
public record PeerView(String address, int priority, int advertIntervalCentis, long adverts, Instant lastHeard) {
}
