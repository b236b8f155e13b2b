package io.keepalived4j.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.keepalived4j.os.Syslog;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Points Logback at keepalived's log destinations, in code so the daemon needs no logback.xml:
 * the console in keepalived's {@code -l} format (stderr) and syslog unless {@code -G}. Replaces
 * whatever configuration Logback found (there is no logback.xml in the product; a test's
 * logback-test.xml comes back on {@link #close()}). With neither {@code -l} nor syslog nothing is
 * printed, as with keepalived {@code -G} alone.
 *
 * <p>{@code -D}: keepalived logs its detail lines at LOG_INFO but only with {@code -D}. Mark such
 * lines with {@link #DETAIL} ({@code log.info(DaemonLogging.DETAIL, "(VI_1) ...")}); they and
 * DEBUG lines are dropped without {@code -D}.
 *
 * <pre>{@code
 * try (DaemonLogging logging = DaemonLogging.configure(LogOptions.fromFlags(l, d, s, g))) {
 *     ... run the daemon ...
 * }
 * }</pre>
 */
public final class DaemonLogging implements AutoCloseable {

    /** Marks a line that keepalived prints only with {@code -D/--log-detail}. */
    public static final Marker DETAIL = MarkerFactory.getMarker("DETAIL");

    private final LoggerContext context;
    private final Syslog syslog;

    private DaemonLogging(LoggerContext context, Syslog syslog) {
        this.context = context;
        this.syslog = syslog;
    }

    /** Console on stderr, syslog on /dev/log as this process, local time. */
    public static DaemonLogging configure(LogOptions options) {
        Syslog syslog = options.syslog() ? Syslog.open(options.ident(), options.facility()) : null;
        return configure(options, System.err, syslog, ZoneId.systemDefault());
    }

    /**
     * With explicit destinations (tests); {@code syslog} is used only when the options say so and
     * is then owned (closed) by the returned handle. {@code console} is flushed, never closed.
     */
    public static DaemonLogging configure(LogOptions options, OutputStream console, Syslog syslog, ZoneId zone) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(options.detail() ? Level.DEBUG : Level.INFO);
        // -D is keepalived's detail, not Netty's internals (its start-up properties, epoll
        // bookkeeping of every closed socket): the proxy's library speaks at warnings only.
        context.getLogger("io.netty").setLevel(Level.WARN);
        if (options.console()) {
            root.addAppender(withDetailFilter(consoleAppender(context, console, zone), options.detail()));
        }
        Syslog owned = options.syslog() ? syslog : null;
        if (owned != null) {
            SyslogAppender appender = new SyslogAppender(owned);
            appender.setContext(context);
            root.addAppender(withDetailFilter(appender, options.detail()));
        }
        return new DaemonLogging(context, owned);
    }

    /** The syslog client in use, for its drop counter (empty with {@code -G}). */
    public Optional<Syslog> syslog() {
        return Optional.ofNullable(syslog);
    }

    /** Flushes and detaches the appenders, closes syslog, and restores Logback's own configuration. */
    @Override
    public void close() {
        context.reset();
        if (syslog != null) {
            syslog.close();
        }
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            // A broken logback-test.xml on the classpath: leave Logback unconfigured rather than fail shutdown.
        }
    }

    private static OutputStreamAppender<ILoggingEvent> consoleAppender(LoggerContext context, OutputStream console, ZoneId zone) {
        ConsoleLineLayout layout = new ConsoleLineLayout(zone);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName("console");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(new UnclosedStream(console));
        return appender;
    }

    // An appender filter, not a TurboFilter: SLF4J's fluent API (atInfo().addMarker()) reaches
    // Logback without passing its marker to turbo filters, so only the event itself is reliable.
    private static Appender<ILoggingEvent> withDetailFilter(Appender<ILoggingEvent> appender, boolean detail) {
        if (!detail) {
            appender.addFilter(new DropDetail());
        }
        appender.start();
        return appender;
    }

    /** Without {@code -D}: drop lines marked {@link #DETAIL}. */
    private static final class DropDetail extends Filter<ILoggingEvent> {
        DropDetail() {
            start();
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            List<Marker> markers = event.getMarkerList();
            if (markers != null) {
                for (Marker m : markers) {
                    if (m.contains(DETAIL)) {
                        return FilterReply.DENY;
                    }
                }
            }
            return FilterReply.NEUTRAL;
        }
    }

    /** Stopping an appender closes its stream; stderr must survive that. */
    private static final class UnclosedStream extends FilterOutputStream {
        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
