package io.keepalived4j.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.keepalived4j.os.Syslog;
import io.keepalived4j.os.Syslog.Severity;

/**
 * Sends Logback events to syslog through {@link Syslog}, which never blocks: a slow syslogd
 * costs lost lines ({@link Syslog#dropped()}), not a late VRRP advert. One datagram per line of
 * the message, as keepalived logs one syslog(3) call per line; an exception adds one line with
 * its class and message (stack traces go to the console only, syslog lines stay greppable).
 */
public final class SyslogAppender extends AppenderBase<ILoggingEvent> {

    /** keepalived's checker process's syslog ident, and the logger name of the checker lines. */
    public static final String CHECKER_IDENT = "Keepalived_healthcheckers";

    private final Syslog syslog;

    public SyslogAppender(Syslog syslog) {
        this.syslog = syslog;
        setName("syslog");
    }

    /** ERROR to LOG_ERR, WARN to LOG_WARNING, INFO to LOG_INFO, DEBUG and TRACE to LOG_DEBUG. */
    public static Severity severityOf(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> Severity.ERR;
            case Level.WARN_INT -> Severity.WARNING;
            case Level.INFO_INT -> Severity.INFO;
            default -> Severity.DEBUG;
        };
    }

    @Override
    protected void append(ILoggingEvent event) {
        Severity severity = severityOf(event.getLevel());
        // The checkers' lines keep keepalived's checker ident, so alerting on it keeps matching.
        boolean checker = CHECKER_IDENT.equals(event.getLoggerName());
        for (String line : LogLines.split(event.getFormattedMessage(), false)) {
            if (checker) {
                syslog.send(CHECKER_IDENT, severity, line);
            } else {
                syslog.send(severity, line);
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            syslog.send(severity, thrown.getClassName() + ": " + thrown.getMessage());
        }
    }

    /** The client, for its sent and dropped counters. */
    public Syslog syslog() {
        return syslog;
    }
}
