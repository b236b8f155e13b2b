package io.keepalived4j.api;

/**
 * An instance's advert counters.
 *
 * @param advertsReceived      adverts accepted
 * @param advertsSent          adverts sent (one per destination)
 * @param becameMaster         times it entered MASTER
 * @param releasedMaster       times it left MASTER
 * @param priorityZeroReceived accepted adverts with priority 0 (a master leaving)
 * @param priorityZeroSent     priority-0 adverts sent
 * @param sendFailures         adverts the socket refused
 * @param peersForgotten       peers pushed out of the bounded list of peers heard
 */
public record InstanceCounters(long advertsReceived, long advertsSent, long becameMaster, long releasedMaster,
                               long priorityZeroReceived, long priorityZeroSent, long sendFailures,
                               long peersForgotten) {
}
