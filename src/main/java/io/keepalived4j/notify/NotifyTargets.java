package io.keepalived4j.notify;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.VrrpInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * The dispatcher's targets from a loaded configuration: every vrrp_instance and
 * vrrp_sync_group with its resolved notify scripts and whether it mails.
 *
 * <pre>{@code
 * ScriptIdentities ids = ScriptIdentities.of(config.global());
 * new NotificationDispatcher(NotifyTargets.instances(config, ids), NotifyTargets.groups(config, ids), ...);
 * }</pre>
 */
public final class NotifyTargets {

    private NotifyTargets() {
    }

    public static Map<String, NotifyTarget> instances(KeepalivedConfig config, ScriptIdentities ids) {
        Map<String, NotifyTarget> m = new HashMap<>();
        for (VrrpInstance i : config.vrrp().instances()) {
            m.put(i.name(), ids.target(i.notifyScripts(), smtpAlert(i.smtpAlert(), config.global())));
        }
        return m;
    }

    public static Map<String, NotifyTarget> groups(KeepalivedConfig config, ScriptIdentities ids) {
        Map<String, NotifyTarget> m = new HashMap<>();
        for (SyncGroup g : config.vrrp().syncGroups()) {
            m.put(g.name(), ids.target(g.notifyScripts(), smtpAlert(g.smtpAlert(), config.global())));
        }
        return m;
    }

    /** The block's smtp_alert, else global smtp_alert_vrrp, else global smtp_alert, else off (features.md 4). */
    static boolean smtpAlert(Boolean own, GlobalDefs g) {
        if (own != null) {
            return own;
        }
        if (g.smtpAlertVrrp() != null) {
            return g.smtpAlertVrrp();
        }
        return g.smtpAlert() != null && g.smtpAlert();
    }
}
