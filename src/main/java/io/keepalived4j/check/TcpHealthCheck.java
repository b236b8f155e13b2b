package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.TcpCheck;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * TCP_CHECK: the server is up when a TCP connection to it succeeds within connect_timeout; the
 * connection is closed at once (keepalived's check_tcp.c).
 */
public final class TcpHealthCheck implements HealthCheck {

    private final TcpCheck config;
    private final String server;

    /** @param server keepalived's FMT_CHK text of the real server, e.g. {@code [10.0.0.2]:tcp:80} */
    public TcpHealthCheck(TcpCheck config, String server) {
        this.config = config;
        this.server = server;
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        try (Socket ignored = Connector.connect(config.connection())) {
            return CheckResult.up();
        } catch (SocketTimeoutException e) {
            interruptedCheck();
            return CheckResult.down("TCP connection to " + server + " timeout.");
        } catch (IOException | RuntimeException e) {
            interruptedCheck();
            return CheckResult.down("TCP connection to " + server + " failed.");
        }
    }

    private static void interruptedCheck() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }

    @Override
    public Optional<String> upLine() {
        return Optional.of("TCP connection to " + server + " success.");
    }

    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        return Optional.of(retries > 0 ? "TCP_CHECK on service " + server + " failed after " + retries + " retries."
                : "TCP_CHECK on service " + server + " failed.");
    }

    @Override
    public String upAlert() {
        return "=> TCP CHECK succeed on service <=";
    }

    @Override
    public String downAlert(CheckResult.Down last) {
        return "=> TCP CHECK failed on service <=";
    }
}
