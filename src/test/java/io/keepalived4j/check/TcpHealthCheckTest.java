package io.keepalived4j.check;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.CheckerTiming;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.TcpCheck;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** TCP_CHECK against real sockets on loopback: up, refused, and a SYN nobody answers. */
class TcpHealthCheckTest {

    private static TcpHealthCheck check(int port, Duration timeout) {
        ConnectionOptions co = new ConnectionOptions(InetAddress.getLoopbackAddress(), port, Optional.empty(), 0,
                Optional.empty(), 0, timeout);
        CheckerTiming t = new CheckerTiming(Duration.ofSeconds(1), 1, Duration.ofSeconds(1), Duration.ZERO, false, false);
        return new TcpHealthCheck(new TcpCheck(co, t, Position.NONE), "[127.0.0.1]:tcp:" + port);
    }

    @Test
    void aListeningServerIsUp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(check(server.getLocalPort(), Duration.ofSeconds(1)).attempt()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void aRefusedConnectionFailsAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        CheckResult r = check(port, Duration.ofSeconds(5)).attempt();
        assertThat(r).isEqualTo(CheckResult.down("TCP connection to [127.0.0.1]:tcp:" + port + " failed."));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aSynNobodyAnswersTimesOutWithinConnectTimeout() throws Exception {
        // A listener whose accept queue is full drops further SYNs: the connect hangs, as to a dead host.
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            List<Socket> filling = new ArrayList<>();
            try {
                CheckResult r = null;
                for (int i = 0; i < 8 && !(r instanceof CheckResult.Down); i++) {
                    long t0 = System.nanoTime();
                    r = check(server.getLocalPort(), Duration.ofMillis(300)).attempt();
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    assertThat(took).as("bounded by connect_timeout").isLessThan(Duration.ofMillis(1500));
                    Socket s = new Socket();
                    try {
                        s.connect(server.getLocalSocketAddress(), 300);
                    } catch (java.io.IOException full) {
                        // the queue is full already
                    }
                    filling.add(s);
                }
                assertThat(r).isEqualTo(CheckResult.down("TCP connection to [127.0.0.1]:tcp:" + server.getLocalPort()
                        + " timeout."));
            } finally {
                for (Socket s : filling) {
                    s.close();
                }
            }
        }
    }
}
