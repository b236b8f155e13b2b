package io.keepalived4j.check;

import static io.keepalived4j.check.CheckConfigs.LOOPBACK4;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.DnsCheck;
import io.keepalived4j.config.model.lvs.SmtpCheck;
import io.keepalived4j.config.model.lvs.UdpCheck;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An attempt on a virtual thread that is interrupted (the daemon stopping) ends at once with
 * {@link InterruptedException}, the only exception a {@link HealthCheck} throws, however long its
 * timeout. (PING_CHECK's is in {@link PingHealthCheckTest}: it needs root.)
 */
@Timeout(10)
class AttemptInterruptTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void smtpWaitingForAGreeting() throws Exception {
        try (ScriptedTcpServer silent = new ScriptedTcpServer(s -> Thread.sleep(60_000))) {
            SmtpCheck config = new SmtpCheck(CheckConfigs.connection(LOOPBACK4, silent.port(), LONG), CheckConfigs.TIMING,
                    SmtpCheck.DEFAULT_HELO, Position.NONE);
            assertInterruptible(new SmtpHealthCheck(config, "[127.0.0.1]:tcp:25"));
        }
    }

    @Test
    void dnsWaitingForAnAnswer() throws Exception {
        try (UdpResponder silent = new UdpResponder(LOOPBACK4, UdpResponder.silent())) {
            DnsCheck config = new DnsCheck(CheckConfigs.connection(LOOPBACK4, silent.port(), LONG), CheckConfigs.TIMING,
                    DnsCheck.Type.SOA, ".", Position.NONE);
            assertInterruptible(new DnsHealthCheck(config, "[127.0.0.1]:udp:53"));
        }
    }

    @Test
    void udpWaitingForAReply() throws Exception {
        try (UdpResponder silent = new UdpResponder(LOOPBACK4, UdpResponder.silent())) {
            UdpCheck config = new UdpCheck(CheckConfigs.connection(LOOPBACK4, silent.port(), LONG), CheckConfigs.TIMING,
                    Optional.of("00"), true, Optional.empty(), 0, 255, Position.NONE);
            assertInterruptible(new UdpHealthCheck(config, "[127.0.0.1]:udp:161"));
        }
    }

    private static void assertInterruptible(HealthCheck check) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(new AssertionError("attempt returned " + check.attempt()));
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        Thread.sleep(200);
        t.interrupt();

        assertThat(outcome.get(2, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }
}
