package io.keepalived4j.daemon;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * keepalived's {@code -l} console line: {@code strftime("%c")} in the C locale, a colon, the
 * message (lib/logger.c). Observed with 2.2.7 ({@code keepalived -n -l -G}):
 * {@code Tue Dec  1 18:38:35 2026: Starting Keepalived v2.2.7 (01/16,2022)}. Seconds only, day
 * space padded, local time. Every line of a multi-line message or stack trace gets the prefix,
 * as keepalived logs continuation lines (the wrapped {@code Command line:}) one call each.
 */
public final class ConsoleLineLayout extends LayoutBase<ILoggingEvent> {

    /** {@code %c} of the C/POSIX locale is {@code %a %b %e %H:%M:%S %Y}. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final ZoneId zone;
    /** The last second's prefix: formatting a date costs more than the rest of a line (a takeover logs several). */
    private volatile Prefix last = new Prefix(Long.MIN_VALUE, "");

    private record Prefix(long epochSecond, String text) {
    }

    public ConsoleLineLayout(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            // asString ends with a line separator; without the strip it would print an empty prefixed line.
            text = text + CoreConstants.LINE_SEPARATOR + ThrowableProxyUtil.asString(event.getThrowableProxy()).stripTrailing();
        }
        Instant time = event.getInstant();
        Prefix p = last;
        if (p.epochSecond() != time.getEpochSecond()) {
            p = new Prefix(time.getEpochSecond(), prefix(time, zone));
            last = p;
        }
        return lines(p.text(), text);
    }

    /** The console text for {@code message} logged at {@code time}, newline terminated. */
    public static String format(Instant time, ZoneId zone, String message) {
        return lines(prefix(time, zone), message);
    }

    private static String prefix(Instant time, ZoneId zone) {
        return CTIME.format(ZonedDateTime.ofInstant(time, zone)) + ": ";
    }

    private static String lines(String prefix, String message) {
        StringBuilder out = new StringBuilder(prefix.length() + message.length() + 1);
        for (String line : LogLines.split(message, true)) {
            out.append(prefix).append(line).append('\n');
        }
        return out.toString();
    }
}
