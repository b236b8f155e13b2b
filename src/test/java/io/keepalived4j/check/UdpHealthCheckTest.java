package io.keepalived4j.check;

import static io.keepalived4j.check.CheckConfigs.LOOPBACK4;
import static io.keepalived4j.check.CheckConfigs.TIMEOUT;
import static io.keepalived4j.check.CheckConfigs.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpHealthCheckTest {

    private static final String SERVER = "[127.0.0.1]:udp:161";
    private static final CheckResult.Down FAILED = CheckResult.down("UDP connection to " + SERVER + " failed.");
    private static final CheckResult.Down MISMATCH = CheckResult.down("UDP check to " + SERVER + " reply data mismatch.");

    @Test
    void anEchoedPayloadIsUp() throws Exception {
        try (UdpResponder echo = new UdpResponder(LOOPBACK4, UdpResponder.echo())) {
            UdpHealthCheck check = new UdpHealthCheck(udp(echo.port(), Optional.of("c0ffee"), true, Optional.empty(),
                    0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
            assertThat(echo.received()).singleElement().isEqualTo(HexFormat.of().parseHex("c0ffee"));
        }
    }

    @Test
    void withoutAPayloadKeepalivedsFillerIsSent() throws Exception {
        try (UdpResponder echo = new UdpResponder(LOOPBACK4, UdpResponder.echo())) {
            UdpHealthCheck check = new UdpHealthCheck(udp(echo.port(), Optional.empty(), false, Optional.empty(),
                    0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
            assertThat(new String(echo.received().getFirst(), StandardCharsets.US_ASCII))
                    .isEqualTo("keepalived check - keepalived ch");
        }
    }

    @Test
    void aClosedPortIsDownThroughTheIcmpPortUnreachable() throws Exception {
        int port = closedUdpPort();
        for (boolean requireReply : new boolean[] {false, true}) {
            long start = System.nanoTime();
            UdpHealthCheck check = new UdpHealthCheck(udp(port, Optional.of("00"), requireReply, Optional.empty(),
                    0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT); // not a timeout
        }
    }

    @Test
    void silenceIsUpWhenNoReplyIsRequired() throws Exception {
        try (UdpResponder silent = new UdpResponder(LOOPBACK4, UdpResponder.silent())) {
            long start = System.nanoTime();
            UdpHealthCheck check = new UdpHealthCheck(udp(silent.port(), Optional.of("00"), false, Optional.empty(),
                    0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT.minusMillis(20),
                    TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void silenceIsDownWithinConnectTimeoutWhenAReplyIsRequired() throws Exception {
        try (UdpResponder silent = new UdpResponder(LOOPBACK4, UdpResponder.silent())) {
            long start = System.nanoTime();
            UdpHealthCheck check = new UdpHealthCheck(udp(silent.port(), Optional.of("00"), true, Optional.empty(),
                    0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void aReplyMatchingThePatternWithWildcardsIsUp() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, r) -> r.send(HexFormat.of().parseHex("30820104aa")))) {
            UdpHealthCheck check = new UdpHealthCheck(udp(server.port(), Optional.of("00"), true,
                    Optional.of("3x8x01"), 0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void aReplyThatDiffersFromThePatternIsAMismatch() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, r) -> r.send(HexFormat.of().parseHex("31820104")))) {
            UdpHealthCheck check = new UdpHealthCheck(udp(server.port(), Optional.of("00"), true,
                    Optional.of("3082"), 0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(MISMATCH);
        }
    }

    @Test
    void repliesOutsideTheLengthLimitsAreAMismatch() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, r) -> r.send(new byte[q[0]]))) {
            // the payload's first byte says how long the reply is
            assertThat(attempt(server.port(), "03", 4, 8)).isEqualTo(MISMATCH);
            assertThat(attempt(server.port(), "04", 4, 8)).isEqualTo(CheckResult.up());
            assertThat(attempt(server.port(), "08", 4, 8)).isEqualTo(CheckResult.up());
            assertThat(attempt(server.port(), "09", 4, 8)).isEqualTo(MISMATCH);
        }
    }

    @Test
    void aHugeReplyIsReadIntoMaxReplyLengthPlusOneAndIsTooLong() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, r) -> r.send(new byte[60_000]))) {
            assertThat(attempt(server.port(), "00", 0, 255)).isEqualTo(MISMATCH);
        }
    }

    @Test
    void withoutAPatternAnyReplyPassesWhateverItsLengthAs2_2_7Does() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, r) -> r.send(new byte[1000]))) {
            UdpHealthCheck check = new UdpHealthCheck(udp(server.port(), Optional.of("00"), true, Optional.empty(),
                    0, 255), SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void linesAndAlertsAre2_2_7s() {
        UdpHealthCheck check = new UdpHealthCheck(udp(161, Optional.empty(), false, Optional.empty(), 0, 255), SERVER);

        assertThat(check.upLine()).hasValue("UDP connection to [127.0.0.1]:udp:161 success.");
        assertThat(check.downLine(2, FAILED)).hasValue("UDP_CHECK on service [127.0.0.1]:udp:161 failed after 2 retries.");
        assertThat(check.downLine(0, FAILED)).hasValue("UDP_CHECK on service [127.0.0.1]:udp:161 failed.");
        assertThat(check.upAlert()).isEqualTo("=> UDP CHECK succeed on service <=");
        assertThat(check.downAlert(FAILED)).isEqualTo("=> UDP CHECK failed on service <=");
        assertThat(check.logsFinalFailure()).isFalse();
    }

    private static CheckResult attempt(int port, String payload, int min, int max) throws InterruptedException {
        return new UdpHealthCheck(udp(port, Optional.of(payload), true, Optional.of("00"), min, max), SERVER).attempt();
    }

    private static int closedUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK4, 0))) {
            return s.getLocalPort();
        }
    }
}
