package io.keepalived4j.lb.persist;

import java.util.Map;

/**
 * What a {@link PersistenceSync} did since it started.
 *
 * @param announced         templates queued for the peers
 * @param queueDrops        templates dropped because the queue was full
 * @param datagramsSent     datagrams sent (one per peer)
 * @param entriesSent       templates sent (counted per peer)
 * @param sendErrors        sends that failed
 * @param datagramsReceived datagrams received
 * @param foreignSource     dropped: not from a peer address
 * @param malformed         dropped whole, by reason
 * @param otherSyncId       dropped: another cluster's sync id
 * @param ownNode           dropped: this node's own
 * @param installs          received templates by what the table did with them (UNKNOWN_SERVICE: dropped)
 * @param restarts          sync threads restarted after a failure
 */
public record SyncCounters(long announced, long queueDrops, long datagramsSent, long entriesSent, long sendErrors,
                           long datagramsReceived, long foreignSource, Map<SyncReject, Long> malformed,
                           long otherSyncId, long ownNode, Map<PersistenceTable.InstallOutcome, Long> installs,
                           long restarts) {

    public SyncCounters {
        malformed = Map.copyOf(malformed);
        installs = Map.copyOf(installs);
    }

    public long malformedTotal() {
        return malformed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long installs(PersistenceTable.InstallOutcome outcome) {
        return installs.getOrDefault(outcome, 0L);
    }
}
