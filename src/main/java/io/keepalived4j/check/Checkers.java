package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.TcpCheck;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.notify.NotifyScript;
import io.keepalived4j.notify.ScriptRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * The real {@link CheckFactory}: one {@link HealthCheck} class per checker keyword, each bound to
 * its real server as keepalived names it in its lines ({@code [10.0.0.2]:tcp:80}).
 */
public final class Checkers implements CheckFactory {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_healthcheckers");

    private final Function<io.keepalived4j.config.model.Script, Optional<NotifyScript>> scripts;
    private final ScriptRunner runner;
    private final Optional<io.keepalived4j.config.model.lvs.SslContext> ssl;

    /**
     * @param scripts resolves a MISC_CHECK's script (path, user; empty when the host checks or
     *                script security refused it)
     * @param runner  runs MISC_CHECK scripts
     * @param ssl     the top-level SSL block, for SSL_GET
     */
    public Checkers(Function<io.keepalived4j.config.model.Script, Optional<NotifyScript>> scripts, ScriptRunner runner,
                    Optional<io.keepalived4j.config.model.lvs.SslContext> ssl) {
        this.scripts = scripts;
        this.runner = runner;
        this.ssl = ssl;
    }

    @Override
    public Optional<HealthCheck> create(Checker checker, VirtualServer vs, RealServer rs) {
        String server = rs.describe(vs.protocol());
        return switch (checker) {
            case TcpCheck t -> Optional.of(new TcpHealthCheck(t, server));
            case io.keepalived4j.config.model.lvs.HttpCheck h -> Optional.of(new HttpGetCheck(h, server, vs.describe(), ssl));
            case io.keepalived4j.config.model.lvs.SmtpCheck s -> Optional.of(new SmtpHealthCheck(s, server));
            case io.keepalived4j.config.model.lvs.DnsCheck d -> Optional.of(new DnsHealthCheck(d, server));
            case io.keepalived4j.config.model.lvs.UdpCheck u -> Optional.of(new UdpHealthCheck(u, server));
            case io.keepalived4j.config.model.lvs.PingCheck p -> Optional.of(new PingHealthCheck(p, server, vs.describe()));
            case MiscCheck m -> {
                Optional<NotifyScript> s = scripts.apply(m.script());
                if (s.isEmpty()) {
                    LOG.warn("Disabling misc script {} since not found/accessible", m.script().command());
                    yield Optional.empty();
                }
                yield Optional.of(new MiscHealthCheck(m, s.get(), runner));
            }
            default -> {
                LOG.warn("{} on service {} is not run by this release", checker.keyword(), server);
                yield Optional.empty();
            }
        };
    }
}
