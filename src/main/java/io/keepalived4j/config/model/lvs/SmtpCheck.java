package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.Position;

/**
 * {@code SMTP_CHECK}: expects a 220 banner, sends {@code HELO}, expects 250, sends {@code QUIT}.
 * Each deprecated {@code host { }} sub-block becomes a checker of its own, as in keepalived.
 *
 * @param heloName {@code helo_name} (default {@code smtpchecker.keepalived.org})
 */
public record SmtpCheck(ConnectionOptions connection, CheckerTiming timing, String heloName, Position position)
        implements ConnectingChecker {

    public static final String DEFAULT_HELO = "smtpchecker.keepalived.org";

    @Override
    public String keyword() {
        return "SMTP_CHECK";
    }
}
