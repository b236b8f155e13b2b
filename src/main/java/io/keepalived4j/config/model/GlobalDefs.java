package io.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * global_defs, with keepalived's defaults (features.md section 4).
 *
 * @param routerId               identity in e-mails; empty when not set (keepalived then uses the host name)
 * @param notificationEmails     alert recipients
 * @param notificationEmailFrom  From: address (default root@host name)
 * @param smtpServer             SMTP relay host or address, empty when not set
 * @param smtpPort               SMTP port (25)
 * @param smtpHeloName           HELO name (default: host name)
 * @param smtpConnectTimeoutSeconds SMTP timeout (30)
 * @param smtpAlert              smtp_alert, null when not set
 * @param smtpAlertVrrp          smtp_alert_vrrp, null when not set
 * @param smtpAlertChecker       smtp_alert_checker, null when not set
 * @param scriptUser             script_user, empty for keepalived's default (keepalived_script, else root)
 * @param scriptGroup            script_user's group, empty when not given
 * @param enableScriptSecurity   enable_script_security
 * @param mcastGroup4            vrrp_mcast_group4 (224.0.0.18)
 * @param mcastGroup6            vrrp_mcast_group6 (ff02::12)
 * @param defaultInterface       default_interface (eth0)
 * @param vrrpVersion            vrrp_version (2)
 * @param vrrpStrict             vrrp_strict
 * @param garp                   vrrp_garp_* defaults for instances
 * @param downTimerAdverts       vrrp_down_timer_adverts (3)
 * @param lowerPrioNoAdvert      vrrp_lower_prio_no_advert
 * @param higherPrioSendAdvert   vrrp_higher_prio_send_advert
 * @param ownerIgnoreAdverts     vrrp_owner_ignore_adverts
 * @param v3ChecksumAsV2         v3_checksum_as_v2
 * @param checkUnicastSrc        vrrp_check_unicast_src
 * @param dynamicInterfaces      dynamic_interfaces (missing interfaces are not an error)
 * @param includeCheck           include_check (missing include files are an error)
 * @param notifyFifo             notify_fifo path, empty when not set
 * @param vrrpNotifyFifo         vrrp_notify_fifo path, empty when not set
 * @param fifoScripts            notify_fifo_script and vrrp_notify_fifo_script, by keyword
 * @param other                  every other keyword as written (process names, scheduling, buffers, ...)
 */
public record GlobalDefs(String routerId, List<String> notificationEmails, String notificationEmailFrom,
                         String smtpServer, int smtpPort, String smtpHeloName, double smtpConnectTimeoutSeconds,
                         Boolean smtpAlert, Boolean smtpAlertVrrp, Boolean smtpAlertChecker, String scriptUser,
                         String scriptGroup, boolean enableScriptSecurity, InetAddress mcastGroup4, InetAddress mcastGroup6,
                         String defaultInterface, int vrrpVersion, boolean vrrpStrict, GarpSettings garp,
                         int downTimerAdverts, boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                         boolean ownerIgnoreAdverts, boolean v3ChecksumAsV2, boolean checkUnicastSrc,
                         boolean dynamicInterfaces, boolean includeCheck, String notifyFifo, String vrrpNotifyFifo,
                         Map<String, Script> fifoScripts, Map<String, List<String>> other) {

    public GlobalDefs {
        fifoScripts = Map.copyOf(fifoScripts);
    }

    /** notify_fifo_script / vrrp_notify_fifo_script by keyword, when configured. */
    public java.util.Optional<Script> fifoScript(String keyword) {
        return java.util.Optional.ofNullable(fifoScripts.get(keyword));
    }
}
