package io.keepalived4j.check;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.lvs.CheckerTiming;
import io.keepalived4j.config.model.lvs.ConnectionOptions;
import io.keepalived4j.config.model.lvs.DnsCheck;
import io.keepalived4j.config.model.lvs.PingCheck;
import io.keepalived4j.config.model.lvs.SmtpCheck;
import io.keepalived4j.config.model.lvs.UdpCheck;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/** Checker configurations for tests: loopback targets, short timeouts, keepalived's other defaults. */
final class CheckConfigs {

    static final InetAddress LOOPBACK4 = InetAddress.ofLiteral("127.0.0.1");
    static final InetAddress LOOPBACK6 = InetAddress.ofLiteral("::1");
    /** Short enough for fast tests, long enough for a loaded CI machine to answer on loopback. */
    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final CheckerTiming TIMING = new CheckerTiming(Duration.ofSeconds(60), 1, Duration.ofSeconds(1),
            Duration.ofSeconds(60), false, false);

    private CheckConfigs() {
    }

    static ConnectionOptions connection(InetAddress address, int port, Duration timeout) {
        return new ConnectionOptions(address, port, Optional.empty(), 0, Optional.empty(), 0, timeout);
    }

    static SmtpCheck smtp(int port, Duration timeout) {
        return new SmtpCheck(connection(LOOPBACK4, port, timeout), TIMING, SmtpCheck.DEFAULT_HELO, Position.NONE);
    }

    static DnsCheck dns(InetAddress address, int port, DnsCheck.Type type, String name) {
        return new DnsCheck(connection(address, port, TIMEOUT), TIMING, type, name, Position.NONE);
    }

    static UdpCheck udp(int port, Optional<String> payload, boolean requireReply, Optional<String> pattern,
                        int min, int max) {
        return new UdpCheck(connection(LOOPBACK4, port, TIMEOUT), TIMING, payload, requireReply, pattern, min, max,
                Position.NONE);
    }

    static PingCheck ping(InetAddress address, Duration timeout) {
        return new PingCheck(connection(address, 0, timeout), TIMING, Position.NONE);
    }
}
