package io.keepalived4j.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Orders notifications per instance: at most one runs at a time for an instance (and kind of
 * event), the next starts when it finishes, in the order the state changes happened. keepalived
 * runs notify scripts fire-and-forget, so a quick MASTER then BACKUP can run out of order (issue
 * #996); users asked for this ordering.
 *
 * <p>Bounded: while one runs, only the newest of the changes that came meanwhile waits; it
 * replaces an older waiting one (counted in {@link #coalesced()}). An instance flapping faster than
 * its notify script runs therefore costs one waiting entry, and the script always ends up told
 * the latest state. Not thread-safe: the dispatcher serialises calls.
 */
public final class NotificationQueue {

    private final Map<String, StateNotification> waiting = new HashMap<>();
    private final Map<String, StateNotification> running = new HashMap<>();
    private long coalesced;

    /** Queues a notification; returns it when it may start now (nothing running for that name). */
    public Optional<StateNotification> submit(StateNotification n) {
        String key = n.queueKey();
        if (!running.containsKey(key)) {
            running.put(key, n);
            return Optional.of(n);
        }
        if (waiting.put(key, n) != null) {
            coalesced++;
        }
        return Optional.empty();
    }

    /** The running notification for this name finished; returns the next one to start, if any. */
    public Optional<StateNotification> finished(StateNotification done) {
        String key = done.queueKey();
        running.remove(key);
        StateNotification next = waiting.remove(key);
        if (next == null) {
            return Optional.empty();
        }
        running.put(key, next);
        return Optional.of(next);
    }

    /** How many notifications wait for this instance's or group's state changes (0 or 1). */
    public int waiting(String name, boolean group) {
        return waiting.containsKey(StateNotification.instance(name, "MASTER", 0).withGroup(group).queueKey()) ? 1 : 0;
    }

    /** Waiting notifications replaced by a newer one. */
    public long coalesced() {
        return coalesced;
    }
}
