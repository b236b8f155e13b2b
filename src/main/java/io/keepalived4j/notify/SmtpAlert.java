package io.keepalived4j.notify;

import java.util.Optional;

/**
 * One e-mail alert, worded as keepalived's {@code vrrp_smtp_notifier()} /
 * {@code vrrp_sync_smtp_notifier()} and {@code smtp_alert()} (core/smtp.c) word them.
 *
 * @param subject e.g. {@code [nodeA] VRRP Instance VI_1 - Entering MASTER state}
 * @param body    e.g. {@code => VRRP Instance is now owning VRRP VIPs <=}
 */
public record SmtpAlert(String subject, String body) {

    /** The alert for a state change, or empty for states keepalived does not mail about. */
    public static Optional<SmtpAlert> forState(String routerId, StateNotification n) {
        String what = n.group() ? "VRRP Group " : "VRRP Instance ";
        String event;
        String body;
        switch (n.state()) {
            case "MASTER" -> {
                event = "Entering MASTER state";
                body = n.group() ? "=> All VRRP group instances are now in MASTER state <="
                        : "=> VRRP Instance is now owning VRRP VIPs <=";
            }
            case "BACKUP" -> {
                event = "Entering BACKUP state";
                body = n.group() ? "=> All VRRP group instances are now in BACKUP state <="
                        : "=> VRRP Instance is no longer owning VRRP VIPs <=";
            }
            case "FAULT" -> {
                event = "Entering FAULT state";
                body = n.group() ? "=> All VRRP group instances are now in FAULT state <="
                        : "=> VRRP Instance is no longer owning VRRP VIPs <=";
            }
            case "STOP" -> {
                event = "Stopping";
                body = n.group() ? "=> All VRRP group instances are now stopping <=" : "=> VRRP Instance stopping <=";
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new SmtpAlert("[" + routerId + "] " + what + n.name() + " - " + event, body));
    }
}
