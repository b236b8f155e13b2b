package io.keepalived4j.notify;

import java.util.Map;
import java.util.Optional;

/**
 * What to run when one vrrp_instance or vrrp_sync_group changes state.
 *
 * @param scripts   by event as in the config model: "master", "backup", "fault", "stop",
 *                  "deleted", "master_rx_lower_pri", and "notify" for the generic script
 * @param smtpAlert whether state changes are mailed (smtp_alert, or the global default)
 */
public record NotifyTarget(Map<String, NotifyScript> scripts, boolean smtpAlert) {

    public static final String GENERIC = "notify";

    public NotifyTarget {
        scripts = Map.copyOf(scripts);
    }

    public static NotifyTarget none() {
        return new NotifyTarget(Map.of(), false);
    }

    /** The per-state script (notify_master, ...) for a notification's state. */
    public Optional<NotifyScript> forState(StateNotification n) {
        // scriptKeyword() is "notify_<state>"; the model's keys drop the "notify_" prefix.
        return Optional.ofNullable(scripts.get(n.scriptKeyword().substring("notify_".length())));
    }

    public Optional<NotifyScript> generic() {
        return Optional.ofNullable(scripts.get(GENERIC));
    }
}
