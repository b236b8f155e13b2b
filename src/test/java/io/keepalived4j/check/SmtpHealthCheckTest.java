package io.keepalived4j.check;

import static io.keepalived4j.check.CheckConfigs.TIMEOUT;
import static io.keepalived4j.check.CheckConfigs.smtp;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.lvs.SmtpCheck;
import io.keepalived4j.testsupport.SmtpSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SmtpHealthCheckTest {

    private static final String SERVER = "[127.0.0.1]:tcp:25";

    @Test
    void aServerThatGreetsAcceptsHeloAndQuitIsUp() throws Exception {
        try (SmtpSink sink = new SmtpSink(Map.of("QUIT", "221 bye\r\n"))) {
            SmtpHealthCheck check = new SmtpHealthCheck(smtp(sink.port(), TIMEOUT), SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
            assertThat(sink.transcript().get(5, TimeUnit.SECONDS))
                    .isEqualTo("HELO smtpchecker.keepalived.org\r\nQUIT\r\n");
        }
    }

    @Test
    void theQuitReplysStatusIsNotLookedAtAs2_2_7Does() throws Exception {
        try (SmtpSink sink = new SmtpSink(Map.of("QUIT", "500 what\r\n"))) {
            assertThat(new SmtpHealthCheck(smtp(sink.port(), TIMEOUT), SERVER).attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void theHeloNameIsTheConfiguredOne() throws Exception {
        try (SmtpSink sink = new SmtpSink(Map.of())) {
            var config = smtp(sink.port(), TIMEOUT);
            var named = new SmtpCheck(config.connection(), config.timing(),
                    "probe.example.org", config.position());

            assertThat(new SmtpHealthCheck(named, SERVER).attempt()).isEqualTo(CheckResult.up());
            assertThat(sink.transcript().get(5, TimeUnit.SECONDS)).startsWith("HELO probe.example.org\r\n");
        }
    }

    @Test
    void aRefusedConnectionCouldNotConnect() throws Exception {
        int port = ScriptedTcpServer.closedPort();

        assertThat(new SmtpHealthCheck(smtp(port, TIMEOUT), SERVER).attempt())
                .isEqualTo(CheckResult.down("SMTP_CHECK Could not connect to server [127.0.0.1]:" + port));
    }

    @Test
    void aServerThatNeverGreetsTimesOutWithinConnectTimeout() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> Thread.sleep(10_000))) {
            long start = System.nanoTime();
            CheckResult r = new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt();

            assertThat(r).isEqualTo(CheckResult.down("SMTP_CHECK Read timeout from server [127.0.0.1]:" + server.port()));
            assertThat(elapsed(start)).isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void aServerTricklingOneByteAtATimeCannotStretchTheAttempt() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> {
            OutputStream out = s.getOutputStream();
            while (true) {
                out.write('2'); // a greeting that never ends, one byte every 20 ms
                out.flush();
                Thread.sleep(20);
            }
        })) {
            long start = System.nanoTime();
            CheckResult r = new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt();

            assertThat(r).isEqualTo(CheckResult.down("SMTP_CHECK Read timeout from server [127.0.0.1]:" + server.port()));
            assertThat(elapsed(start)).isLessThan(TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void eachReplyHasItsOwnConnectTimeoutSoAnAttemptIsBoundedByFourOfThem() throws Exception {
        // every reply comes just before its own limit: 2.2.7 would pass this server too
        long pause = TIMEOUT.toMillis() * 2 / 3;
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> {
            var in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            Thread.sleep(pause);
            out.write("220 slow\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in);
            Thread.sleep(pause);
            out.write("250 slow\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(in);
            Thread.sleep(pause);
            out.write("221 slow\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            long start = System.nanoTime();

            assertThat(new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt()).isEqualTo(CheckResult.up());
            assertThat(elapsed(start)).isLessThan(TIMEOUT.multipliedBy(4));
        }
    }

    @Test
    void anEndlessLineFailsOnceItPassesTheLineLimit() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'A');
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 16 * 1024; i++) { // up to 1 GiB, until the checker hangs up
                out.write(chunk);
            }
        })) {
            CheckResult r = new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt();

            assertThat(r).isEqualTo(CheckResult.down("SMTP_CHECK Buffer overflow reading from server [127.0.0.1]:"
                    + server.port() + " (no end of line within 512 bytes in the greeting)"));
        }
    }

    @Test
    void aLineOf512BytesWithItsLineEndIsStillAccepted() throws Exception {
        String banner = "220 " + "x".repeat(SmtpHealthCheck.MAX_LINE - 6) + "\r\n";
        assertThat(banner).hasSize(SmtpHealthCheck.MAX_LINE);
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> converse(s, banner, "250 ok\r\n", "221 bye\r\n"))) {
            assertThat(new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void garbageInsteadOfAGreetingIsABadBanner() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> converse(s, "SSH-2.0-OpenSSH_9.2\r\n"))) {
            assertThat(new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt())
                    .isEqualTo(CheckResult.down("SMTP_CHECK Bad greeting banner from server [127.0.0.1]:" + server.port()));
        }
    }

    @Test
    void aRefusingGreetingIsABadBanner() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> converse(s, "554 go away\r\n"))) {
            assertThat(new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt())
                    .isEqualTo(CheckResult.down("SMTP_CHECK Bad greeting banner from server [127.0.0.1]:" + server.port()));
        }
    }

    @Test
    void aRefusedHeloIsABadHeloResponse() throws Exception {
        try (SmtpSink sink = new SmtpSink(Map.of("HELO", "550 not you\r\n"))) {
            assertThat(new SmtpHealthCheck(smtp(sink.port(), TIMEOUT), SERVER).attempt())
                    .isEqualTo(CheckResult.down("SMTP_CHECK Bad HELO response from server [127.0.0.1]:" + sink.port()));
        }
    }

    @Test
    void aServerThatHangsUpAfterTheGreetingIsAReadFailure() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> {
            s.getOutputStream().write("220 bye\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(s.getInputStream());
        })) {
            assertThat(new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt())
                    .isEqualTo(CheckResult.down("SMTP_CHECK Read failure from server [127.0.0.1]:" + server.port()));
        }
    }

    @Test
    void noReplyToQuitIsAReadTimeout() throws Exception {
        try (ScriptedTcpServer server = new ScriptedTcpServer(s -> {
            converse(s, "220 hi\r\n", "250 ok\r\n");
            readLine(s.getInputStream());
            Thread.sleep(10_000);
        })) {
            assertThat(new SmtpHealthCheck(smtp(server.port(), TIMEOUT), SERVER).attempt())
                    .isEqualTo(CheckResult.down("SMTP_CHECK Read timeout from server [127.0.0.1]:" + server.port()));
        }
    }

    @Test
    void aFullListenQueueIsAConnectionTimeout() throws Exception {
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Linux queues backlog + 1 connections and then drops SYNs: fill the queue, never accept
            for (int i = 0; i < 8 && connects(full.getLocalPort(), queued); i++) {
                // keep filling
            }
            long start = System.nanoTime();
            CheckResult r = new SmtpHealthCheck(smtp(full.getLocalPort(), TIMEOUT), SERVER).attempt();

            assertThat(r).isEqualTo(CheckResult.down("SMTP_CHECK Connection timeout to server [127.0.0.1]:"
                    + full.getLocalPort()));
            assertThat(elapsed(start)).isLessThan(TIMEOUT.plusMillis(700));
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    @Test
    void theAlertCarriesTheFailureWithoutItsPrefix() {
        SmtpHealthCheck check = new SmtpHealthCheck(smtp(25, TIMEOUT), SERVER);

        assertThat(check.downAlert(CheckResult.down("SMTP_CHECK Bad HELO response from server [127.0.0.1]:25")))
                .isEqualTo("=> CHECK failed on service : Bad HELO response from server [127.0.0.1]:25 <=");
        assertThat(check.upAlert()).isEqualTo("=> CHECK succeed on service <=");
        assertThat(check.upLine()).hasValue("Remote SMTP server [127.0.0.1]:tcp:25 succeed on service.");
        assertThat(check.downLine(3, CheckResult.down("x"))).isEmpty();
        assertThat(check.logsFinalFailure()).isTrue();
    }

    private static boolean connects(int port, List<Socket> queued) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
            queued.add(s);
            return true;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            return false;
        }
    }

    /** Writes the first line, then answers each line the client sends with the next one. */
    private static void converse(Socket s, String... lines) throws IOException {
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0 && readLine(s.getInputStream()) == null) {
                return;
            }
            out.write(lines[i].getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return b.toString();
            }
            b.append((char) c);
        }
        return null;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
