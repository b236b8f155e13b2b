package io.keepalived4j.check;

import io.keepalived4j.config.model.Flags;
import io.keepalived4j.config.model.GlobalDefs;

import java.util.Optional;

/**
 * The global_defs settings the checker pool follows.
 *
 * @param routerId              router_id, for alert subjects
 * @param logAllFailures        checker_log_all_failures: log every failed attempt of every checker
 * @param noCheckerEmails       no_checker_emails: mail only when a real server changes state, not
 *                              when one of its several checkers does
 * @param rsInitNotifies        rs_init_notifies: run notify_up for servers up at start
 * @param smtpAlertChecker      smtp_alert_checker, else smtp_alert: the default for virtual servers
 *                              that set no smtp_alert (real servers default to on, see
 *                              {@link io.keepalived4j.config.model.lvs.RealServer#smtpAlert()})
 */
public record PoolSettings(String routerId, boolean logAllFailures, boolean noCheckerEmails, boolean rsInitNotifies,
                           Optional<Boolean> smtpAlertChecker) {

    public static final PoolSettings DEFAULTS = new PoolSettings("localhost", false, false, false, Optional.empty());

    public static PoolSettings of(GlobalDefs g, String hostName) {
        String routerId = g.routerId() == null || g.routerId().isEmpty() ? hostName : g.routerId();
        Optional<Boolean> checker = Optional.ofNullable(g.smtpAlertChecker()).or(() -> Optional.ofNullable(g.smtpAlert()));
        return new PoolSettings(routerId, Flags.of(g.other().get("checker_log_all_failures"), false),
                g.other().containsKey("no_checker_emails"), g.other().containsKey("rs_init_notifies"), checker);
    }
}
