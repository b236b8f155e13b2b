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

    /**
     * @param scripts resolves a MISC_CHECK's script (path, user; empty when the host checks or
     *                script security refused it)
     * @param runner  runs MISC_CHECK scripts
     */
    public Checkers(Function<io.keepalived4j.config.model.Script, Optional<NotifyScript>> scripts, ScriptRunner runner) {
        this.scripts = scripts;
        this.runner = runner;
    }

    @Override
    public Optional<HealthCheck> create(Checker checker, VirtualServer vs, RealServer rs) {
        String server = rs.describe(vs.protocol());
        return switch (checker) {
            case TcpCheck t -> Optional.of(new TcpHealthCheck(t, server));
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
