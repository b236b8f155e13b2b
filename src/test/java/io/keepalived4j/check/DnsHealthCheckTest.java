package io.keepalived4j.check;

import static io.keepalived4j.check.CheckConfigs.LOOPBACK4;
import static io.keepalived4j.check.CheckConfigs.LOOPBACK6;
import static io.keepalived4j.check.CheckConfigs.TIMEOUT;
import static io.keepalived4j.check.CheckConfigs.dns;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.lvs.DnsCheck;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DnsHealthCheckTest {

    private static final String SERVER = "[127.0.0.1]:udp:53";
    private static final String PREFIX = "DNS_CHECK (" + SERVER + ") ";

    @Test
    void anAnswerWithRcodeZeroIsUp() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> reply.send(answer(q, 0)))) {
            assertThat(check(LOOPBACK4, server.port()).attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void anAnswerOverIpv6IsUp() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK6, (q, reply) -> reply.send(answer(q, 0)))) {
            assertThat(check(LOOPBACK6, server.port()).attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void theQueryAsksRecursivelyForTheConfiguredNameAndType() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> reply.send(answer(q, 0)))) {
            DnsHealthCheck check = new DnsHealthCheck(dns(LOOPBACK4, server.port(), DnsCheck.Type.MX, "example.org"),
                    SERVER);

            assertThat(check.attempt()).isEqualTo(CheckResult.up());
            byte[] query = server.received().getFirst();
            assertThat(HexFormat.of().formatHex(query, 2, query.length))
                    .isEqualTo("0100" + "0001" + "0000" + "0000" + "0000"
                            + "076578616d706c65" + "036f7267" + "00" + "000f" + "0001");
        }
    }

    @Test
    void eachAttemptUsesANewRandomId() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> reply.send(answer(q, 0)))) {
            DnsHealthCheck check = check(LOOPBACK4, server.port());
            for (int i = 0; i < 4; i++) {
                check.attempt();
            }
            assertThat(server.received().stream().map(q -> (q[0] & 0xff) << 8 | (q[1] & 0xff)).distinct().count())
                    .isGreaterThan(1);
        }
    }

    @Test
    void anErrorRcodeIsAReadError() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> reply.send(answer(q, 2)))) {
            assertThat(check(LOOPBACK4, server.port()).attempt())
                    .isEqualTo(CheckResult.down(PREFIX + "read error occurred. (rcode = 2)"));
        }
    }

    @Test
    void wrongIdsGarbageAndQueriesAreIgnoredUntilTheRealAnswer() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> {
            reply.send(new byte[] {1, 2, 3});                              // too short
            reply.send(Arrays.copyOf(q, 11));                              // 11 bytes: still no header
            byte[] other = answer(q, 2);
            other[1] ^= 1;
            reply.send(other);                                             // another id (and an error)
            reply.send(q);                                                 // a query, QR not set
            reply.send(answer(q, 0));
        })) {
            assertThat(check(LOOPBACK4, server.port()).attempt()).isEqualTo(CheckResult.up());
        }
    }

    @Test
    void onlyStrayDatagramsIsAReadTimeout() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> {
            byte[] other = answer(q, 0);
            other[0] ^= 0x40;
            reply.send(other);
            reply.send(new byte[8]);
        })) {
            assertThat(check(LOOPBACK4, server.port()).attempt())
                    .isEqualTo(CheckResult.down(PREFIX + "read timeout from socket"));
        }
    }

    @Test
    void silenceIsAReadTimeoutAfterConnectTimeout() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, UdpResponder.silent())) {
            long start = System.nanoTime();

            assertThat(check(LOOPBACK4, server.port()).attempt())
                    .isEqualTo(CheckResult.down(PREFIX + "read timeout from socket"));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void aFloodOfWrongAnswersCannotStretchTheAttempt() throws Exception {
        try (UdpResponder server = new UdpResponder(LOOPBACK4, (q, reply) -> {
            byte[] other = answer(q, 0);
            other[0] ^= 0x01;
            byte[] big = Arrays.copyOf(other, 4000); // longer than the 768-byte buffer, cut
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (reply.open() && System.nanoTime() < end) {
                reply.send(other);
                reply.send(big);
            }
        })) {
            long start = System.nanoTime();

            assertThat(check(LOOPBACK4, server.port()).attempt())
                    .isEqualTo(CheckResult.down(PREFIX + "read timeout from socket"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusMillis(700));
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK4, 0))) {
            port = s.getLocalPort();
        }

        assertThat(check(LOOPBACK4, port).attempt())
                .isEqualTo(CheckResult.down(PREFIX + "failed to read socket; errno 111 (Connection refused)"));
    }

    @Test
    void aNameThatCannotBeWrittenFailsWithALineSayingSo() throws Exception {
        String name = "x".repeat(64) + ".org";
        DnsHealthCheck check = new DnsHealthCheck(dns(LOOPBACK4, 53, DnsCheck.Type.A, name), SERVER);

        assertThat(check.attempt()).isEqualTo(CheckResult.down(PREFIX + "cannot write the name '" + name
                + "' in a query (a label over 63 bytes or a name over 255)."));
    }

    @Test
    void theDownLineAppendsTheRetriesAsDnsFinalDoes() {
        DnsHealthCheck check = check(LOOPBACK4, 53);
        CheckResult.Down last = CheckResult.down(PREFIX + "read timeout from socket");

        assertThat(check.downLine(3, last)).hasValue(PREFIX + "read timeout from socket after 3 retries");
        assertThat(check.downLine(0, last)).hasValue(PREFIX + "read timeout from socket");
        assertThat(check.upLine()).isEmpty();
        assertThat(check.upAlert()).isEqualTo("=> DNS_CHECK: succeed on service <=");
        assertThat(check.downAlert(last)).isEqualTo("=> DNS_CHECK: failed on service <=");
        assertThat(check.logsFinalFailure()).isTrue();
    }

    private static DnsHealthCheck check(InetAddress address, int port) {
        return new DnsHealthCheck(dns(address, port, DnsCheck.Type.SOA, DnsCheck.DEFAULT_NAME), SERVER);
    }

    /** The query turned into a response: QR and RA set, the RCODE given, the question echoed. */
    static byte[] answer(byte[] query, int rcode) {
        byte[] a = query.clone();
        a[2] = (byte) (a[2] | 0x80);
        a[3] = (byte) (0x80 | rcode);
        return a;
    }
}
