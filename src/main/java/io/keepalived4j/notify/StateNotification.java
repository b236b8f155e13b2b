package io.keepalived4j.notify;

import java.util.List;
import java.util.Locale;

/**
 * One state change to announce, and its keepalived text forms (features.md section 8, vrrp_notify.c):
 * the notify FIFO line ({@code INSTANCE "VI_1" MASTER 100}) and the four arguments appended to a
 * generic {@code notify} script ({@code INSTANCE VI_1 MASTER 100}).
 *
 * @param group    true for a vrrp_sync_group, false for a vrrp_instance
 * @param name     instance or group name
 * @param state    MASTER, BACKUP, FAULT, STOP, DELETED (or the FIFO-only MASTER_RX_LOWER_PRI,
 *                 MASTER_PRIORITY, BACKUP_PRIORITY)
 * @param priority the priority (0 for groups, as keepalived writes)
 */
public record StateNotification(boolean group, String name, String state, int priority) {

    public static StateNotification instance(String name, String state, int priority) {
        return new StateNotification(false, name, state.toUpperCase(Locale.ROOT), priority);
    }

    public static StateNotification group(String name, String state) {
        return new StateNotification(true, name, state.toUpperCase(Locale.ROOT), 0);
    }

    /** The same change for a sync group of that name ({@code true}) or an instance. */
    public StateNotification withGroup(boolean g) {
        return new StateNotification(g, name, state, g ? 0 : priority);
    }

    /**
     * Which queue the notification waits in: one per instance or group and kind of event (state
     * changes; MASTER_RX_LOWER_PRI; priority changes), so that coalescing one kind never loses
     * another.
     */
    public String queueKey() {
        String kind = switch (state) {
            case "MASTER_RX_LOWER_PRI" -> "rx";
            case "MASTER_PRIORITY", "BACKUP_PRIORITY" -> "priority";
            default -> "state";
        };
        return (group ? "G:" : "I:") + name + "/" + kind;
    }

    /** The line written to notify_fifo / vrrp_notify_fifo, newline included. */
    public String fifoLine() {
        return (group ? "GROUP" : "INSTANCE") + " \"" + name + "\" " + state + " " + priority + "\n";
    }

    /** The arguments keepalived appends to a generic {@code notify} script. */
    public List<String> notifyArguments() {
        return List.of(group ? "GROUP" : "INSTANCE", name, state, Integer.toString(priority));
    }

    /** The per-state script keyword that fires for this change (notify_master, ...), if any. */
    public String scriptKeyword() {
        return "notify_" + state.toLowerCase(Locale.ROOT);
    }
}
