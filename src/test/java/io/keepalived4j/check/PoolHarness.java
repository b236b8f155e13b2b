package io.keepalived4j.check;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.FileCheck;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.LoggingDataPlane;
import io.keepalived4j.notify.SmtpAlert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool built from a configuration text, driven attempt by attempt in virtual time: the tests
 * say what each checker's next attempt finds and read back keepalived's lines, the data plane and
 * the notifications.
 */
final class PoolHarness implements PoolListener {

    final List<String> lines = new ArrayList<>();
    final List<String> scripts = new ArrayList<>();
    final List<String> fifo = new ArrayList<>();
    final List<SmtpAlert> alerts = new ArrayList<>();
    final LoggingDataPlane dataPlane = new LoggingDataPlane();
    final HealthPool pool;
    /** The configuration's virtual servers, as the pool got them. */
    final List<VirtualServer> virtualServers;
    /** Virtual time: the sum of the delays the epilogs asked for, per checker. */
    final Map<CheckerSlot, Duration> clock = new HashMap<>();

    PoolHarness(String config) {
        this(config, PoolSettings.DEFAULTS, f -> 0L);
    }

    PoolHarness(String config, PoolSettings settings, Function<FileCheck, Long> files) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("test.conf", config, LoadOptions.withConfigId("test"));
        assertThat(r.diagnostics().hasErrors()).as("config errors: %s", r.diagnostics().all()).isFalse();
        List<VirtualServer> vss = r.model().lvs().virtualServers();
        virtualServers = vss;
        pool = HealthPool.create(vss, dataPlane, this, settings, PoolHarness::scripted, CheckClock.SYSTEM);
        pool.prepare(files, vs -> true);
    }

    private static Optional<HealthCheck> scripted(Checker c, VirtualServer vs, RealServer rs) {
        String server = rs.describe(vs.protocol());
        if (c instanceof io.keepalived4j.config.model.lvs.MiscCheck m) {
            return Optional.of(new MiscHealthCheck(m, new io.keepalived4j.notify.NotifyScript(List.of("/bin/chk"),
                    io.keepalived4j.os.process.RunAs.daemon()), MISC_EXITS));
        }
        return Optional.of(new ScriptedTcp(server));
    }

    /** What the next MISC_CHECK script run ends with. */
    static volatile io.keepalived4j.notify.ScriptResult nextMiscExit = io.keepalived4j.notify.ScriptResult.exited(0);
    private static final io.keepalived4j.notify.ScriptRunner MISC_EXITS = (argv, runAs, timeout) ->
            java.util.concurrent.CompletableFuture.completedFuture(nextMiscExit);

    /** Runs a MISC_CHECK's script (ending as {@code exit} says) and applies the result. */
    Duration runMisc(int checker, io.keepalived4j.notify.ScriptResult exit) throws InterruptedException {
        nextMiscExit = exit;
        CheckerSlot c = checker(checker);
        CheckResult r = c.check.orElseThrow().attempt();
        return pool.apply(c, r).delay();
    }

    /** The n-th checker (configuration order over all servers). */
    CheckerSlot checker(int n) {
        return pool.slots().get(n);
    }

    /** Feeds results to a checker; returns the delays the epilog asked for. */
    List<Duration> feed(int checker, CheckResult... results) {
        CheckerSlot c = checker(checker);
        List<Duration> delays = new ArrayList<>();
        for (CheckResult r : results) {
            CheckerEpilogs.Next n = pool.apply(c, r);
            delays.add(n.delay());
            clock.merge(c, n.delay(), Duration::plus);
        }
        return delays;
    }

    /** The lines logged since the last call. */
    List<String> take() {
        List<String> copy = List.copyOf(lines);
        lines.clear();
        return copy;
    }

    /** The data plane's weights for the only service, by "address:port" (sorry server marked). */
    Map<String, Long> table() {
        Map<String, Long> out = new java.util.TreeMap<>();
        dataPlane.table().values().forEach(m -> m.forEach((Destination d, Long w) -> out.put(
                io.keepalived4j.config.model.IpText.of(d.address()) + ":" + d.port() + (d.sorry() ? " sorry" : ""), w)));
        return out;
    }

    static CheckResult ok() {
        return CheckResult.up();
    }

    static CheckResult fail() {
        return CheckResult.down("refused");
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public void runScript(Script script) {
        scripts.add(script.command());
    }

    @Override
    public void fifo(String line) {
        fifo.add(line);
    }

    @Override
    public void alert(SmtpAlert alert) {
        alerts.add(alert);
    }

    /** TCP_CHECK's wording, attempts supplied by the test. */
    static final class ScriptedTcp implements HealthCheck {
        private final String server;

        ScriptedTcp(String server) {
            this.server = server;
        }

        @Override
        public CheckResult attempt() {
            throw new AssertionError("driven by the test");
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
}
