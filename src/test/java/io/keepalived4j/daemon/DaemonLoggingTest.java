package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.os.Syslog;
import io.keepalived4j.os.UnixDatagramReceiver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DaemonLoggingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T18:00:05Z"), ZoneOffset.UTC);
    private static final String CTIME = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}: ";

    private final Logger log = LoggerFactory.getLogger("io.keepalived4j.vrrp.instance.Test");
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void dashLWritesKeepalivedConsoleLines() {
        try (DaemonLogging ignored = DaemonLogging.configure(new LogOptions(true, false, false, 3, "Keepalived_vrrp"),
                console, null, ZoneOffset.UTC)) {
            log.info("({}) Entering MASTER STATE", "VI_1");
            log.warn("(VI_1) received an invalid passwd!");
        }

        assertThat(console.toString(StandardCharsets.UTF_8).split("\n"))
                .satisfiesExactly(
                        l -> assertThat(l).matches(CTIME + "\\(VI_1\\) Entering MASTER STATE"),
                        l -> assertThat(l).matches(CTIME + "\\(VI_1\\) received an invalid passwd!"));
    }

    @Test
    void detailLinesAndDebugNeedDashD() {
        LogOptions plain = new LogOptions(true, false, false, 3, "Keepalived_vrrp");
        try (DaemonLogging ignored = DaemonLogging.configure(plain, console, null, ZoneOffset.UTC)) {
            log.info(DaemonLogging.DETAIL, "(VI_1) removing VIPs.");
            log.atInfo().addMarker(DaemonLogging.DETAIL).log("(VI_1) fluent detail");
            log.debug("socket buffer sizes");
            log.info("Startup complete");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("removing VIPs", "fluent", "buffer").contains("Startup complete");

        console.reset();
        try (DaemonLogging ignored = DaemonLogging.configure(new LogOptions(true, true, false, 3, "Keepalived_vrrp"),
                console, null, ZoneOffset.UTC)) {
            log.info(DaemonLogging.DETAIL, "(VI_1) removing VIPs.");
            log.atInfo().addMarker(DaemonLogging.DETAIL).log("(VI_1) fluent detail");
            log.debug("socket buffer sizes");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(": (VI_1) removing VIPs.\n", ": (VI_1) fluent detail\n", ": socket buffer sizes\n");
    }

    @Test
    void syslogGetsSeverityMappedLinesWithTheVrrpIdent() {
        Path sock = dir.resolve("log");
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock)) {
            Syslog syslog = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_LOCAL0 + 1, 321, CLOCK);
            try (DaemonLogging logging = DaemonLogging.configure(LogOptions.fromFlags(false, false, 1, false),
                    console, syslog, ZoneOffset.UTC)) {
                log.info("(VI_1) Entering BACKUP STATE (init)");
                log.warn("two\nlines");
                log.error("bind failed", new IllegalStateException("EADDRINUSE"));
                assertThat(logging.syslog()).containsSame(syslog);
            }
            // local1 = 17: 17*8 + info 6 = 142, warning 4 = 140, err 3 = 139.
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<142>Dec  1 18:00:05 Keepalived_vrrp[321]: (VI_1) Entering BACKUP STATE (init)");
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<140>Dec  1 18:00:05 Keepalived_vrrp[321]: two");
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<140>Dec  1 18:00:05 Keepalived_vrrp[321]: lines");
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<139>Dec  1 18:00:05 Keepalived_vrrp[321]: bind failed");
            assertThat(syslogd.receiveText(WAIT))
                    .isEqualTo("<139>Dec  1 18:00:05 Keepalived_vrrp[321]: java.lang.IllegalStateException: EADDRINUSE");
            assertThat(console.size()).as("no -l: nothing on the console").isZero();
            assertThat(syslog.send(Syslog.Severity.INFO, "after close")).as("closed with the logging").isFalse();
        }
    }

    @Test
    void dashGLeavesSyslogAloneAndDashLStillWorks() {
        Path sock = dir.resolve("log");
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock);
             Syslog syslog = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_DAEMON, 1, CLOCK)) {
            try (DaemonLogging logging = DaemonLogging.configure(LogOptions.fromFlags(true, false, null, true),
                    console, syslog, ZoneOffset.UTC)) {
                log.info("Stopping");
                assertThat(logging.syslog()).isEmpty();
            }
            assertThat(syslogd.receive(Duration.ofMillis(300))).isNull();
            assertThat(console.toString(StandardCharsets.UTF_8)).matches(CTIME + "Stopping\n");
        }
    }

    @Test
    void exceptionStackTraceLinesAreAllPrefixedOnTheConsole() {
        try (DaemonLogging ignored = DaemonLogging.configure(new LogOptions(true, false, false, 3, "Keepalived_vrrp"),
                console, null, ZoneOffset.UTC)) {
            log.error("netlink failed", new IllegalStateException("boom"));
        }
        String[] lines = console.toString(StandardCharsets.UTF_8).split("\n");

        assertThat(lines[0]).matches(CTIME + "netlink failed");
        assertThat(lines[1]).matches(CTIME + "java.lang.IllegalStateException: boom");
        assertThat(lines).hasSizeGreaterThan(3).allMatch(l -> l.matches(CTIME + ".*\\S.*"));
    }

    @Test
    void levelsMapToSyslogSeverities() {
        assertThat(SyslogAppender.severityOf(ch.qos.logback.classic.Level.ERROR)).isEqualTo(Syslog.Severity.ERR);
        assertThat(SyslogAppender.severityOf(ch.qos.logback.classic.Level.WARN)).isEqualTo(Syslog.Severity.WARNING);
        assertThat(SyslogAppender.severityOf(ch.qos.logback.classic.Level.INFO)).isEqualTo(Syslog.Severity.INFO);
        assertThat(SyslogAppender.severityOf(ch.qos.logback.classic.Level.DEBUG)).isEqualTo(Syslog.Severity.DEBUG);
        assertThat(SyslogAppender.severityOf(ch.qos.logback.classic.Level.TRACE)).isEqualTo(Syslog.Severity.DEBUG);
    }
}
