package io.keepalived4j.daemon;

import io.keepalived4j.os.Syslog;
import java.util.Locale;

/**
 * keepalived's logging flags (ops.md section 3): {@code -l} console, {@code -D} detail,
 * {@code -S} syslog facility, {@code -G} no syslog, plus the syslog ident.
 *
 * <pre>{@code
 * LogOptions o = LogOptions.fromFlags(logConsole, logDetail, logFacility, noSyslog);
 * }</pre>
 *
 * @param console  also write lines to stderr in keepalived's console format ({@code -l})
 * @param detail   let {@link DaemonLogging#DETAIL} lines and DEBUG through ({@code -D})
 * @param syslog   send lines to syslog (off with {@code -G})
 * @param facility syslog facility code, {@link Syslog#LOG_DAEMON} unless {@code -S N} (LOG_LOCALN)
 * @param ident    syslog ident, keepalived's {@code Keepalived_vrrp} for the VRRP side
 */
public record LogOptions(boolean console, boolean detail, boolean syslog, int facility, String ident) {

    /** The VRRP child's syslog ident in keepalived (ops.md section 1). */
    public static final String VRRP_IDENT = "Keepalived_vrrp";

    public LogOptions {
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility must be 0..23, got " + facility);
        }
    }

    /** keepalived's defaults: syslog on facility daemon, no console, no detail. */
    public static LogOptions defaults() {
        return new LogOptions(false, false, true, Syslog.LOG_DAEMON, VRRP_IDENT);
    }

    /**
     * From the CLI's values; {@code localFacility} is {@code -S}'s 0..7 or null when absent.
     *
     * @throws IllegalArgumentException for a facility outside 0..7
     */
    public static LogOptions fromFlags(boolean logConsole, boolean logDetail, Integer localFacility, boolean noSyslog) {
        int facility = localFacility == null ? Syslog.LOG_DAEMON : localFacility(localFacility);
        return new LogOptions(logConsole, logDetail, !noSyslog, facility, VRRP_IDENT);
    }

    /**
     * Parses {@code -S}'s argument as keepalived 2.2.7 does: {@code 0}..{@code 7} or
     * {@code local0}..{@code local7} for LOG_LOCALn, or {@code user} / {@code daemon}.
     */
    public static int parseFacility(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "user" -> Syslog.LOG_USER;
            case "daemon" -> Syslog.LOG_DAEMON;
            default -> {
                String digits = v.startsWith("local") ? v.substring(5) : v;
                if (digits.length() != 1 || !Character.isDigit(digits.charAt(0))) {
                    throw new IllegalArgumentException("invalid log facility '" + value + "': use 0-7, local0-7, user or daemon");
                }
                yield localFacility(digits.charAt(0) - '0');
            }
        };
    }

    private static int localFacility(int n) {
        if (n < 0 || n > 7) {
            throw new IllegalArgumentException("invalid log facility " + n + ": use 0-7 for LOG_LOCAL0-7");
        }
        return Syslog.LOG_LOCAL0 + n;
    }

    public LogOptions withIdent(String newIdent) {
        return new LogOptions(console, detail, syslog, facility, newIdent);
    }
}
