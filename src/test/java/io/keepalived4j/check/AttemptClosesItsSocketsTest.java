package io.keepalived4j.check;

import static io.keepalived4j.check.CheckConfigs.LOOPBACK4;
import static io.keepalived4j.check.CheckConfigs.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.DnsCheck;
import io.keepalived4j.testsupport.Root;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every path of an attempt, success or failure, closes what it opened: the process's fd count stays put. */
@Timeout(30)
class AttemptClosesItsSocketsTest {

    private static final Duration SHORT = Duration.ofMillis(50);
    private static final int ROUNDS = 20;

    @Test
    void noDescriptorOutlivesItsAttempt() throws Exception {
        try (ScriptedTcpServer garbage = new ScriptedTcpServer(s -> s.getOutputStream().write("garbage\r\n".getBytes()));
             // reads until the checker hangs up, so the server's end of each connection closes too
             ScriptedTcpServer silent = new ScriptedTcpServer(s -> s.getInputStream().readAllBytes());
             UdpResponder echo = new UdpResponder(LOOPBACK4, UdpResponder.echo());
             UdpResponder dnsSilent = new UdpResponder(LOOPBACK4, UdpResponder.silent())) {
            int refused = ScriptedTcpServer.closedPort();
            List<HealthCheck> checks = List.of(
                    new SmtpHealthCheck(CheckConfigs.smtp(garbage.port(), TIMEOUT), "s"),
                    new SmtpHealthCheck(CheckConfigs.smtp(silent.port(), SHORT), "s"),
                    new SmtpHealthCheck(CheckConfigs.smtp(refused, TIMEOUT), "s"),
                    new DnsHealthCheck(new DnsCheck(CheckConfigs.connection(LOOPBACK4, dnsSilent.port(), SHORT),
                            CheckConfigs.TIMING, DnsCheck.Type.A, "x", Position.NONE), "d"),
                    new DnsHealthCheck(CheckConfigs.dns(LOOPBACK4, refused, DnsCheck.Type.A, "x"), "d"),
                    new UdpHealthCheck(CheckConfigs.udp(echo.port(), Optional.of("01"), true, Optional.of("02"), 0, 9), "u"),
                    new UdpHealthCheck(CheckConfigs.udp(refused, Optional.of("01"), true, Optional.empty(), 0, 9), "u"));
            for (HealthCheck c : checks) {
                c.attempt(); // warm up: class loading, the JDK's own lazily opened descriptors
            }
            long before = openDescriptors();
            for (int i = 0; i < ROUNDS; i++) {
                for (HealthCheck c : checks) {
                    assertThat(c.attempt()).isInstanceOf(CheckResult.Down.class);
                }
            }

            // the servers' ends of closed TCP connections may lag a little; a leak of one per attempt would show
            assertThat(openDescriptors()).isLessThan(before + 10);
        }
    }

    @Test
    void pingClosesItsIcmpSocketAndItsWakeUpDescriptor() throws Exception {
        Root.assumeRootOrFailOnCi();
        PingHealthCheck ping = new PingHealthCheck(CheckConfigs.ping(LOOPBACK4, TIMEOUT), "p", "v");
        ping.attempt();
        long before = openDescriptors();
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(ping.attempt()).isEqualTo(CheckResult.up());
        }

        assertThat(openDescriptors()).isLessThan(before + 5);
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
