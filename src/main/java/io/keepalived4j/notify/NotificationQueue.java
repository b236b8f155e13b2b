package io.keepalived4j.notify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Orders notifications per instance: at most one runs at a time for an instance, the next starts
 * when it finishes, in the order the state changes happened. keepalived runs notify scripts
 * fire-and-forget, so a quick MASTER then BACKUP can run out of order (issue #996); users asked
 * for this ordering. Not thread-safe: the daemon's single event loop owns it.
 */
public final class NotificationQueue {

    private final Map<String, Deque<StateNotification>> waiting = new HashMap<>();
    private final Map<String, StateNotification> running = new HashMap<>();

    /** Queues a notification; returns it when it may start now (nothing running for that name). */
    public Optional<StateNotification> submit(StateNotification n) {
        String key = key(n);
        if (!running.containsKey(key)) {
            running.put(key, n);
            return Optional.of(n);
        }
        waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(n);
        return Optional.empty();
    }

    /** The running notification for this name finished; returns the next one to start, if any. */
    public Optional<StateNotification> finished(StateNotification done) {
        String key = key(done);
        running.remove(key);
        Deque<StateNotification> q = waiting.get(key);
        if (q == null || q.isEmpty()) {
            return Optional.empty();
        }
        StateNotification next = q.removeFirst();
        running.put(key, next);
        return Optional.of(next);
    }

    public int waiting(String name, boolean group) {
        Deque<StateNotification> q = waiting.get((group ? "G:" : "I:") + name);
        return q == null ? 0 : q.size();
    }

    private static String key(StateNotification n) {
        return (n.group() ? "G:" : "I:") + n.name();
    }
}
