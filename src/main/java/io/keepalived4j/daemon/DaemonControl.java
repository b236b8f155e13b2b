package io.keepalived4j.daemon;

import io.keepalived4j.check.HealthPool;
import io.keepalived4j.check.PoolStatus;
import io.keepalived4j.control.ControlCommand;
import io.keepalived4j.control.ControlReply;
import io.keepalived4j.control.ControlServer;
import io.keepalived4j.control.ControlTarget;
import io.keepalived4j.control.ServerNames;
import io.keepalived4j.vrrp.engine.VrrpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runtime control of this daemon ({@code keepalived4j ctl}): VRRP commands run on the VRRP loop
 * thread, as every protocol change does; server commands go to the health-checked pool under its
 * lock. Each waits {@link #LOOP_WAIT} at most for the loop.
 */
final class DaemonControl implements ControlTarget {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    static final Duration LOOP_WAIT = Duration.ofSeconds(2);

    private final VrrpDaemon vrrp;
    private final Optional<HealthPool> pool;

    /** @param vrrp the VRRP daemon, or null when only the checkers run ({@code -C}) */
    DaemonControl(VrrpDaemon vrrp, Optional<HealthPool> pool) {
        this.vrrp = vrrp;
        this.pool = pool;
    }

    /**
     * The control channel on {@code settings}' socket ({@code vrrp} null when only the checkers run), or nothing when it is disabled or cannot be
     * opened (logged: the daemon runs on without it, as it did before there was one).
     */
    static Optional<ControlServer> open(DaemonSettings settings, VrrpDaemon vrrp, CheckerService checkers) {
        Optional<Path> path = settings.controlSocket();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ControlServer.open(path.get(), new DaemonControl(vrrp,
                    Optional.ofNullable(checkers).map(CheckerService::pool)), ControlServer.Limits.DEFAULTS));
        } catch (IOException | RuntimeException e) {
            LOG.error("Control channel not available: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public ControlReply execute(ControlCommand command) {
        return switch (command) {
            case ControlCommand.ShowInstances s -> onLoop(this::instances);
            case ControlCommand.SetPriority p -> onInstance(p.instance(), (host, i) -> {
                host.overridePriority(i, p.priority(), vrrp.loopNow());
                return ControlReply.ok("(" + p.instance() + ") priority "
                        + (p.priority().isPresent() ? "set to " + p.priority().getAsInt() : "back to the configured "
                        + host.configuredPriority(i)) + ", effective " + host.snapshot(i).effectivePriority());
            });
            case ControlCommand.Maintenance m -> onInstance(m.instance(), (host, i) -> {
                host.maintenance(i, m.on(), vrrp.loopNow());
                return ControlReply.ok("(" + m.instance() + ") maintenance " + (m.on() ? "on" : "off") + ", state "
                        + host.state(i));
            });
            case ControlCommand.ShowServers s -> servers();
            case ControlCommand.ServerState s -> onServer(s.service(), s.server(), (p, found) ->
                    outcome(p.drain(found.service(), found.server(), !s.enabled()),
                            (s.enabled() ? "enabled " : "drained ") + found.server().describe(found.service().protocol())
                                    + " of " + found.service().describe()));
            case ControlCommand.SetWeight w -> onServer(w.service(), w.server(), (p, found) ->
                    outcome(p.setWeight(found.service(), found.server(), w.weight()),
                            "weight of " + found.server().describe(found.service().protocol()) + " of "
                                    + found.service().describe() + " set to " + w.weight()));
            case ControlCommand.Help h -> ControlReply.error("answered by the server");
            case ControlCommand.Quit q -> ControlReply.error("answered by the server");
        };
    }

    private ControlReply onLoop(Function<VrrpHost, ControlReply> work) {
        if (vrrp == null) {
            return ControlReply.error("VRRP does not run in this process (checkers only)");
        }
        try {
            return vrrp.onLoop(work, LOOP_WAIT).orElseGet(() -> ControlReply.error(
                    "the VRRP loop did not answer within " + LOOP_WAIT.toMillis() + " ms (stopping?)"));
        } catch (IllegalArgumentException e) {
            return ControlReply.error(e.getMessage());
        }
    }

    private interface InstanceWork {
        ControlReply apply(VrrpHost host, int instance);
    }

    private ControlReply onInstance(String name, InstanceWork work) {
        return onLoop(host -> {
            for (int i = 0; i < host.size(); i++) {
                if (host.parameters(i).name().equals(name)) {
                    return work.apply(host, i);
                }
            }
            return ControlReply.error("no vrrp_instance " + name);
        });
    }

    private ControlReply instances(VrrpHost host) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-20s %-7s %8s %10s %8s %11s", "instance", "state", "priority", "configured",
                "override", "maintenance"));
        for (int i = 0; i < host.size(); i++) {
            var s = host.snapshot(i);
            var o = host.priorityOverride(i);
            lines.add(String.format("%-20s %-7s %8d %10d %8s %11s", host.parameters(i).name(), s.state(),
                    s.effectivePriority(), host.configuredPriority(i), o.isPresent() ? o.getAsInt() : "-",
                    s.maintenance() ? "on" : "off"));
        }
        return ControlReply.ok(lines);
    }

    private interface ServerWork {
        ControlReply apply(HealthPool pool, ServerNames.Servers found);
    }

    private ControlReply onServer(ControlCommand.Service service, ControlCommand.Server server, ServerWork work) {
        if (pool.isEmpty()) {
            return ControlReply.error("no health-checked virtual servers run in this daemon");
        }
        // Named against the virtual servers as they run now: a reload may have changed them.
        return switch (ServerNames.resolve(pool.get().virtualServers(), service, server)) {
            case ServerNames.Missing m -> ControlReply.error(m.reason());
            case ServerNames.Servers found -> work.apply(pool.get(), found);
        };
    }

    private static ControlReply outcome(HealthPool.ControlOutcome o, String done) {
        return switch (o) {
            case DONE -> ControlReply.ok(done);
            case UNCHANGED -> ControlReply.ok(done + " (already so)");
            case NOT_FOUND -> ControlReply.error("the server is not running");
        };
    }

    private ControlReply servers() {
        if (pool.isEmpty()) {
            return ControlReply.error("no health-checked virtual servers run in this daemon");
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-28s %-28s %-5s %8s %s", "virtual server", "real server", "state", "weight", "admin"));
        for (PoolStatus.VirtualServerStatus vs : pool.get().status()) {
            for (PoolStatus.RealServerStatus rs : vs.servers()) {
                lines.add(String.format("%-28s %-28s %-5s %8d %s", vs.service(), rs.server(), rs.alive() ? "up" : "down",
                        rs.weight(), pool.get().drained(vs.service(), rs.server()) ? "drained" : "enabled"));
            }
        }
        return ControlReply.ok(lines);
    }
}
