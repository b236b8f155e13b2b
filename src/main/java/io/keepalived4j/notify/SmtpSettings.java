package io.keepalived4j.notify;

import io.keepalived4j.config.model.GlobalDefs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The global_defs SMTP keywords with keepalived's defaults (features.md section 4).
 *
 * @param host           smtp_server address or name
 * @param port           smtp_server port (25)
 * @param heloName       smtp_helo_name (the host name)
 * @param timeout        smtp_connect_timeout (30 s): connect and every reply
 * @param from           notification_email_from
 * @param recipients     notification_email, in file order
 * @param routerId       router_id for the subject (the host name)
 */
public record SmtpSettings(String host, int port, String heloName, Duration timeout, String from,
                           List<String> recipients, String routerId) {

    public SmtpSettings {
        recipients = List.copyOf(recipients);
    }

    /** Empty when keepalived would not mail at all (no smtp_server or no notification_email). */
    public static Optional<SmtpSettings> of(GlobalDefs g, String hostName) {
        if (g.smtpServer().isEmpty() || g.notificationEmails().isEmpty()) {
            return Optional.empty();
        }
        String helo = g.smtpHeloName().isEmpty() ? hostName : g.smtpHeloName();
        String from = g.notificationEmailFrom().isEmpty() ? "root@" + hostName : g.notificationEmailFrom();
        String rid = g.routerId().isEmpty() ? hostName : g.routerId();
        Duration t = Duration.ofMillis(Math.round(g.smtpConnectTimeoutSeconds() * 1000));
        return Optional.of(new SmtpSettings(g.smtpServer(), g.smtpPort(), helo, t, from, g.notificationEmails(), rid));
    }

    /** keepalived's {@code inet_sockaddrtopair()} form used in its SMTP log lines: [host]:port. */
    public String display() {
        return "[" + host + "]:" + port;
    }
}
