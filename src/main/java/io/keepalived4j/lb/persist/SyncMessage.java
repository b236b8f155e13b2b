package io.keepalived4j.lb.persist;

import java.util.List;

/**
 * One sync datagram.
 *
 * @param syncId  the cluster's id ({@code lvs_sync_daemon ... id N}), 0..255
 * @param nodeId  the sending director, so it ignores its own datagrams
 * @param entries 1..n templates
 */
public record SyncMessage(int syncId, long nodeId, List<SyncEntry> entries) {

    public SyncMessage {
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("sync id out of 0..255: " + syncId);
        }
        entries = List.copyOf(entries);
    }
}
