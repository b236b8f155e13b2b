package io.keepalived4j.daemon;

import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.notify.NotifyScript;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.notify.ScriptResult;
import io.keepalived4j.notify.ScriptRunner;
import io.keepalived4j.notify.ScriptTracker;
import io.keepalived4j.notify.TaskScheduler;
import io.keepalived4j.vrrp.engine.ConfiguredTrackers;
import io.keepalived4j.vrrp.engine.RiseFall;
import io.keepalived4j.vrrp.engine.VrrpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vrrp_scripts of the node: each runs on its interval; its results go through rise/fall on the
 * VRRP loop, and a change of up/down is reported to every instance that tracks it.
 */
final class ScriptTrackers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final List<ScriptTracker> trackers = new ArrayList<>();
    private final Map<String, RiseFall> states = new HashMap<>();
    private final FaultHooks faults;

    /**
     * @param bindings by script name, the instances tracking it
     */
    ScriptTrackers(List<VrrpScript> scripts, Map<String, List<ConfiguredTrackers.Binding>> bindings, ScriptIdentities ids,
                   ScriptRunner runner, TaskScheduler scheduler, VrrpLoop loop, VrrpHost host, FaultHooks faults) {
        this.faults = faults;
        for (VrrpScript s : scripts) {
            List<ConfiguredTrackers.Binding> users = bindings.getOrDefault(s.name(), List.of());
            Optional<NotifyScript> script = ids.refuses(s.position()) ? Optional.empty() : ids.resolve(s.script());
            if (users.isEmpty() || script.isEmpty()) {
                continue;
            }
            states.put(s.name(), ConfiguredTrackers.initialScriptState(s));
            Duration interval = Duration.ofMillis(Math.max(1, Math.round(s.intervalSeconds() * 1000)));
            Duration timeout = Duration.ofMillis(Math.max(1, Math.round(s.timeoutSeconds() * 1000)));
            trackers.add(new ScriptTracker(s.name(), script.get(), interval, timeout, runner, scheduler,
                    (name, result) -> {
                        faults.inTracker(name);
                        loop.submit(() -> result(name, result, users, host, loop.now()));
                    }));
        }
    }

    void start() {
        trackers.forEach(ScriptTracker::start);
    }

    private void result(String name, ScriptResult r, List<ConfiguredTrackers.Binding> users, VrrpHost host, long now) {
        RiseFall before = states.get(name);
        RiseFall after = before.record(r.succeeded());
        states.put(name, after);
        if (after.up() == before.up()) {
            return;
        }
        if (after.up()) {
            LOG.info("VRRP_Script({}) succeeded", name);
        } else if (r.timedOut()) {
            LOG.info("VRRP_Script({}) timed_out", name);
        } else {
            LOG.info("VRRP_Script({}) failed (exited with status {})", name, r.exitCode());
        }
        for (ConfiguredTrackers.Binding b : users) {
            host.track(b.instance(), b.status(after.up()), now);
        }
    }

    @Override
    public void close() {
        trackers.forEach(ScriptTracker::close);
    }
}
