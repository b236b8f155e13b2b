package io.keepalived4j.notify;

import io.keepalived4j.testsupport.SmtpSink;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpAlertSenderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:34:56Z"), ZoneOffset.UTC);
    private static final SmtpAlert ALERT = SmtpAlert.forState("nodeA",
            StateNotification.instance("VI_1", "MASTER", 100)).orElseThrow();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SmtpAlertSender.class);

    @org.junit.jupiter.api.BeforeAll
    static void loadClasses() {
        // The < 100 ms checks are about not waiting for the network; class loading is not the point.
        try (SmtpAlertSender warm = SmtpAlertSender.start(settings(9, Duration.ofMillis(1)), 1, CLOCK)) {
            warm.submit(ALERT);
        }
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private static SmtpSettings settings(int port, Duration timeout) {
        return new SmtpSettings("127.0.0.1", port, "nodeA.example", timeout, "keepalived@nodeA.example",
                List.of("ops@example.org", "Pager <pager@example.org>"), "nodeA");
    }

    @Test
    void sinkReceivesKeepalivedsExactDialogueAndMessage() throws Exception {
        // A multi-line EHLO-style reply must be read to its last line.
        try (SmtpSink sink = new SmtpSink(Map.of("HELO", "250-sink\r\n250 hello\r\n", "DATA", "354 go on\r\n",
                "QUIT", "221 bye\r\n"));
             SmtpAlertSender sender = SmtpAlertSender.start(settings(sink.port(), Duration.ofSeconds(5)), 8, CLOCK)) {
            assertThat(sender.submit(ALERT)).isTrue();
            String t = sink.transcript().get(10, TimeUnit.SECONDS);
            assertThat(t).isEqualTo("HELO nodeA.example\r\n"
                    + "MAIL FROM:<keepalived@nodeA.example>\r\n"
                    + "RCPT TO:<ops@example.org>\r\n"
                    + "RCPT TO:<pager@example.org>\r\n"
                    + "DATA\r\n"
                    + "Date: Tue, 01 Dec 2026 12:34:56 +0000\r\n"
                    + "From: keepalived@nodeA.example\r\n"
                    + "Subject: [nodeA] VRRP Instance VI_1 - Entering MASTER state\r\n"
                    + "X-Mailer: Keepalived\r\n"
                    + "To: ops@example.org,\r\n Pager <pager@example.org>\r\n"
                    + "\r\n"
                    + "=> VRRP Instance is now owning VRRP VIPs <=\r\n"
                    + "\r\n.\r\n"
                    + "QUIT\r\n");
            await(sender::sent, 1);
            assertThat(sender.failed()).isZero();
        }
    }

    @Test
    void rejectedRecipientIsLoggedCountedAndAnsweredWithQuit() throws Exception {
        try (SmtpSink sink = new SmtpSink(Map.of("RCPT", "550 no such user\r\n"));
             SmtpAlertSender sender = SmtpAlertSender.start(settings(sink.port(), Duration.ofSeconds(5)), 8, CLOCK)) {
            sender.submit(ALERT);
            assertThat(sink.transcript().get(10, TimeUnit.SECONDS)).endsWith("RCPT TO:<ops@example.org>\r\nQUIT\r\n");
            await(sender::failed, 1);
            assertThat(messages()).contains("Error processing RCPT cmd on SMTP server [127.0.0.1]:" + sink.port()
                    + ". SMTP status code = 550");
        }
    }

    @Test
    void nothingListeningCostsOneLogLineAndACounterAndTheCallerDoesNotWait() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SmtpAlertSender sender = SmtpAlertSender.start(settings(port, Duration.ofSeconds(30)), 8, CLOCK)) {
            long t0 = System.nanoTime();
            assertThat(sender.submit(ALERT)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
            await(sender::failed, 1);
            assertThat(messages()).containsExactly("SMTP connection ERROR to [127.0.0.1]:" + port + ".");
        }
    }

    @Test
    void serverThatAcceptsButNeverAnswersTimesOutInTheBackground() throws Exception {
        // The kernel completes the handshake for the backlog: connected, then silence.
        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             SmtpAlertSender sender = SmtpAlertSender.start(settings(silent.getLocalPort(), Duration.ofSeconds(1)), 8, CLOCK)) {
            long t0 = System.nanoTime();
            assertThat(sender.submit(ALERT)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
            assertThat(sender.failed()).as("not yet: the timeout has not passed").isZero();
            await(sender::failed, 1);
            assertThat(messages()).containsExactly("Timeout reading data to remote SMTP server [127.0.0.1]:"
                    + silent.getLocalPort() + ".");
        }
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             SmtpAlertSender sender = SmtpAlertSender.start(settings(silent.getLocalPort(), Duration.ofSeconds(30)), 2, CLOCK)) {
            long t0 = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += sender.submit(ALERT) ? 1 : 0;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
            // One in the sender's hands (maybe), two queued: the rest are dropped.
            assertThat(accepted).isBetween(2, 3);
            assertThat(sender.dropped()).isEqualTo(10 - accepted);
        }
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void await(LongSupplier counter, long value) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < value && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(counter.getAsLong()).isEqualTo(value);
    }
}
