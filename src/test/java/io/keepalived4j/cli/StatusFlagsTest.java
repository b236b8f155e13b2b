package io.keepalived4j.cli;

import io.keepalived4j.api.StatusServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** --status-address, --signum and the status command. */
class StatusFlagsTest {

    @Test
    void aBarePortListensOnLoopbackAndHostsAndIpv6AreAccepted() {
        assertThat(StatusAddress.parse("9650")).contains(new InetSocketAddress("127.0.0.1", 9650));
        assertThat(StatusAddress.parse("0.0.0.0:9100")).contains(new InetSocketAddress("0.0.0.0", 9100));
        assertThat(StatusAddress.parse("[::1]:9650")).contains(new InetSocketAddress("::1", 9650));
        for (String bad : List.of("", "x", "::1:9650", "127.0.0.1:", "127.0.0.1:70000", ":80")) {
            assertThat(StatusAddress.parse(bad)).as(bad).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aBadStatusAddressIsAUsageError() {
        CliRun r = CliRun.of("--status-address", "nope:port", "-t");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--status-address").contains("PORT, HOST:PORT or [IPv6]:PORT");
    }

    @Test
    void signumPrintsKeepalivedsNumbersAndTheJsonStandIn() {
        assertThat(CliRun.of("--signum=DATA").out()).isEqualTo("10\n");
        assertThat(CliRun.of("--signum=STATS").out()).isEqualTo("12\n");
        assertThat(CliRun.of("--signum=RELOAD").out()).isEqualTo("1\n");
        assertThat(CliRun.of("--signum=STOP").out()).isEqualTo("15\n");
        assertThat(CliRun.of("--signum=JSON").out()).as("SIGURG, not SIGRTMIN+2").isEqualTo("23\n");
        CliRun unknown = CliRun.of("--signum=TDUMP");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Unknown sigfunc TDUMP\n");
    }

    @Test
    void statusPrintsTheDaemonsTablesFromItsEndpoint() throws Exception {
        var snapshot = new io.keepalived4j.api.StatusSnapshot(java.time.Instant.EPOCH, "lb1", List.of(), List.of());
        try (StatusServer s = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), () -> snapshot)) {
            CliRun r = CliRun.of("status", "--address", String.valueOf(s.address().getPort()));

            assertThat(r.status()).isZero();
            assertThat(r.out()).isEqualTo("nothing configured\n");
            assertThat(CliRun.of("status", "-a", String.valueOf(s.address().getPort()), "--metrics").out())
                    .startsWith("# HELP keepalived_up");
        }
    }

    @Test
    void statusWithoutAnEndpointSaysHowToGetOne() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun r = CliRun.of("status", "--address", String.valueOf(port));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("no status endpoint at http://127.0.0.1:" + port + "/status.txt")
                .contains("--status-address");
    }
}
