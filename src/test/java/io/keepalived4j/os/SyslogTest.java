package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.os.Syslog.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    // 2026-12-01T18:00:05Z: a single-digit day, to check glibc's space padding ("Dec  1").
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T18:00:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void daemonInfoLineIsExactlyWhatGlibcSends() {
        Path sock = dir.resolve("log");
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock);
             Syslog log = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_DAEMON, 4242, CLOCK)) {
            assertThat(log.send(Severity.INFO, "(VI_1) Entering MASTER STATE")).isTrue();

            // PRI 30 = facility daemon (3) * 8 + info (6).
            assertThat(syslogd.receive(WAIT)).isEqualTo(
                    "<30>Dec  1 18:00:05 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE".getBytes(StandardCharsets.US_ASCII));
            assertThat(log.sent()).isEqualTo(1);
            assertThat(log.dropped()).isZero();
        }
    }

    @Test
    void localFacilityAndSeverityGiveThePriValue() {
        Path sock = dir.resolve("log");
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock);
             Syslog log = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_LOCAL0 + 5, 7, CLOCK)) {
            log.send(Severity.ERR, "a");
            log.send(Severity.DEBUG, "b");
            log.send(Severity.WARNING, "c");

            // local5 = 21: 21*8+3 = 171, +7 = 175, +4 = 172.
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<171>Dec  1 18:00:05 Keepalived_vrrp[7]: a");
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<175>Dec  1 18:00:05 Keepalived_vrrp[7]: b");
            assertThat(syslogd.receiveText(WAIT)).isEqualTo("<172>Dec  1 18:00:05 Keepalived_vrrp[7]: c");
        }
    }

    @Test
    void utf8MessageIsSentAsUtf8() {
        Path sock = dir.resolve("log");
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock);
             Syslog log = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_DAEMON, 1, CLOCK)) {
            log.send(Severity.NOTICE, "Ünïcode");
            assertThat(syslogd.receiveText(WAIT)).endsWith("[1]: Ünïcode").startsWith("<29>");
        }
    }

    @Test
    void missingSocketIsCountedAndDroppedWithoutThrowing() {
        try (Syslog log = new Syslog(dir.resolve("no-syslogd"), "Keepalived_vrrp", Syslog.LOG_DAEMON, 1, CLOCK)) {
            assertThat(log.send(Severity.INFO, "lost")).isFalse();
            assertThat(log.send(Severity.INFO, "lost too")).isFalse();

            assertThat(log.dropped()).isEqualTo(2);
            assertThat(log.sent()).isZero();
            assertThat(log.lastErrno()).as("ENOENT").isEqualTo(2);
        }
    }

    @Test
    void fullReceiverQueueNeverBlocksTheSender() throws Exception {
        Path sock = dir.resolve("log");
        int qlen = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/unix/max_dgram_qlen")).strip());
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock);
             Syslog log = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_DAEMON, 1, CLOCK)) {
            // Nobody reads: after max_dgram_qlen datagrams a blocking sendto would hang here.
            long start = System.nanoTime();
            for (int i = 0; i < qlen + 50; i++) {
                log.send(Severity.INFO, "line " + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(log.dropped()).isPositive();
            assertThat(log.sent() + log.dropped()).isEqualTo(qlen + 50);
            assertThat(log.lastErrno()).as("EAGAIN").isEqualTo(11);
            assertThat(syslogd.receiveText(WAIT)).endsWith(": line 0");
        }
    }

    @Test
    void sendAfterCloseIsADrop() {
        Path sock = dir.resolve("log");
        try (UnixDatagramReceiver syslogd = UnixDatagramReceiver.bind(sock)) {
            Syslog log = new Syslog(sock, "Keepalived_vrrp", Syslog.LOG_DAEMON, 1, CLOCK);
            log.close();
            log.close();
            assertThat(log.send(Severity.INFO, "late")).isFalse();
            assertThat(log.dropped()).isEqualTo(1);
            assertThat(syslogd.receive(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void formatUsesEnglishMonthsAndTwoDigitDays() {
        ZonedDateTime t = ZonedDateTime.of(2026, 7, 14, 3, 4, 9, 0, ZoneId.of("Europe/Paris"));
        assertThat(Syslog.format(Syslog.LOG_USER, Severity.EMERG, "x", 2, t, "m")).isEqualTo("<8>Jul 14 03:04:09 x[2]: m");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new Syslog(dir.resolve("x".repeat(120)), "k", Syslog.LOG_DAEMON, 1, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Syslog(dir.resolve("log"), "k", 24, 1, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
