package io.keepalived4j.check;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.DataPlane;
import io.keepalived4j.lb.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP on the checker side: a virtual server whose configuration is the same keeps its checker
 * threads and its servers' states and the data plane hears nothing of it; a removed one stops as
 * at SIGTERM, an added one starts as at start, a changed one is replaced in place inside one
 * reloading()..populated() bracket, its unchanged real servers keeping their states.
 */
class HealthPoolReloadTest {

    private static final String KEPT = """
            virtual_server 10.9.0.1 80 {
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                real_server 10.9.0.11 80 {
                    weight 1
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;
    private static final String GOING = """
            virtual_server 10.9.0.2 80 {
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                real_server 10.9.0.21 80 {
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;
    private static final String CHANGING = """
            virtual_server 10.9.0.3 80 {
                lvs_sched %s
                lvs_method NAT
                protocol TCP
                real_server 10.9.0.31 80 {
                    weight %d
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;
    private static final String COMING = """
            virtual_server 10.9.0.4 80 {
                lvs_sched rr
                lvs_method NAT
                protocol TCP
                real_server 10.9.0.41 80 {
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;

    private final List<String> lines = new ArrayList<>();
    private final RecordingPlane plane = new RecordingPlane();
    private HealthPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private static List<VirtualServer> load(String text) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("reload.conf", text, LoadOptions.withConfigId("t"));
        assertThat(r.diagnostics().hasErrors()).as("%s", r.diagnostics().all()).isFalse();
        return r.model().lvs().virtualServers();
    }

    private static Optional<HealthCheck> alwaysUp(Checker c, VirtualServer vs, RealServer rs) {
        PoolHarness.ScriptedTcp lines = new PoolHarness.ScriptedTcp(rs.describe(vs.protocol()));
        return Optional.of(new HealthCheck() {
            @Override
            public CheckResult attempt() {
                return CheckResult.up();
            }

            @Override
            public Optional<String> upLine() {
                return lines.upLine();
            }

            @Override
            public Optional<String> downLine(long retries, CheckResult.Down last) {
                return lines.downLine(retries, last);
            }

            @Override
            public String upAlert() {
                return lines.upAlert();
            }

            @Override
            public String downAlert(CheckResult.Down last) {
                return lines.downAlert(last);
            }
        });
    }

    private HealthPool started(String text) {
        PoolListener out = new PoolListener() {
            @Override
            public void log(String line) {
                synchronized (lines) {
                    lines.add(line);
                }
            }

            @Override
            public void runScript(io.keepalived4j.config.model.Script script) {
            }

            @Override
            public void fifo(String line) {
            }

            @Override
            public void alert(io.keepalived4j.notify.SmtpAlert alert) {
            }
        };
        pool = HealthPool.create(load(text), plane, out, PoolSettings.DEFAULTS, HealthPoolReloadTest::alwaysUp,
                CheckClock.SYSTEM);
        pool.start(f -> 0L, vs -> true);
        return pool;
    }

    private HealthPool.PoolReloadResult reload(String text) {
        synchronized (lines) {
            lines.clear();
        }
        plane.calls.clear();
        return pool.reload(load(text), PoolSettings.DEFAULTS, HealthPoolReloadTest::alwaysUp, f -> 0L, vs -> true);
    }

    private static Thread threadOf(Map<CheckerSlot, Thread> runners, String server) {
        return runners.entrySet().stream().filter(e -> e.getKey().server.text.contains(server))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void aFileWithTheSameServersTouchesNothingEvenWhenTheLinesMoved() {
        started(KEPT + GOING);
        Map<CheckerSlot, Thread> before = pool.runners();

        HealthPool.PoolReloadResult r = reload("# a comment moves every line\n\n" + KEPT + GOING);

        assertThat(r).isEqualTo(new HealthPool.PoolReloadResult(2, 0, 0, 0));
        assertThat(plane.calls).isEmpty();
        assertThat(lines).isEmpty();
        assertThat(pool.runners()).isEqualTo(before);
    }

    @Test
    void aRemovedServerStopsAndAnAddedOneStartsWhileTheKeptOneRunsOn() {
        started(KEPT + GOING);
        Thread keptThread = threadOf(pool.runners(), "10.9.0.11");
        Thread goingThread = threadOf(pool.runners(), "10.9.0.21");
        assertThat(keptThread).isNotNull();

        HealthPool.PoolReloadResult r = reload(KEPT + COMING);

        assertThat(r).isEqualTo(new HealthPool.PoolReloadResult(1, 0, 1, 1));
        assertThat(lines).containsExactly(
                "Shutting down service [10.9.0.21]:tcp:80 from VS [10.9.0.2]:tcp:80",
                "Gained quorum 1+0=1 <= 1 for VS [10.9.0.4]:tcp:80",
                "Activating healthchecker for service [10.9.0.41]:tcp:80 for VS [10.9.0.4]:tcp:80");
        assertThat(plane.calls).containsExactly(
                "reloading",
                "removeDestination [10.9.0.2]:tcp:80 10.9.0.21",
                "removeService [10.9.0.2]:tcp:80",
                "addService [10.9.0.4]:tcp:80",
                "setDestination [10.9.0.4]:tcp:80 10.9.0.41 1",
                "populated");
        assertThat(plane.calls).noneMatch(c -> c.contains("10.9.0.1]"));
        assertThat(threadOf(pool.runners(), "10.9.0.11")).isSameAs(keptThread);
        assertThat(threadOf(pool.runners(), "10.9.0.21")).isNull();
        assertThat(goingThread.isAlive()).as("the removed server's checker ended").isFalse();
        Thread coming = threadOf(pool.runners(), "10.9.0.41");
        assertThat(coming).isNotNull();
        assertThat(coming.isAlive()).isTrue();
        assertThat(pool.status()).extracting(PoolStatus.VirtualServerStatus::service)
                .containsExactly("[10.9.0.1]:tcp:80", "[10.9.0.4]:tcp:80");
    }

    @Test
    void aChangedServerRestartsItsChecksInsideOneReloadBracket() {
        started(KEPT + CHANGING.formatted("rr", 1));
        Thread keptThread = threadOf(pool.runners(), "10.9.0.11");
        Thread oldThread = threadOf(pool.runners(), "10.9.0.31");

        HealthPool.PoolReloadResult r = reload(KEPT + CHANGING.formatted("wlc", 5));

        assertThat(r).isEqualTo(new HealthPool.PoolReloadResult(1, 1, 0, 0));
        assertThat(plane.calls.getFirst()).isEqualTo("reloading");
        assertThat(plane.calls.getLast()).isEqualTo("populated");
        assertThat(plane.calls).contains("setDestination [10.9.0.3]:tcp:80 10.9.0.31 5");
        assertThat(plane.calls).noneMatch(c -> c.contains("10.9.0.1]"));
        assertThat(threadOf(pool.runners(), "10.9.0.11")).isSameAs(keptThread);
        assertThat(threadOf(pool.runners(), "10.9.0.31")).isNotSameAs(oldThread);
        assertThat(oldThread.isAlive()).isFalse();
    }

    private static final String CHANGED_POOL = """
            virtual_server 10.9.0.5 80 {
                lvs_sched %s
                lvs_method NAT
                protocol TCP
            %s}
            """;

    private static String server(String address, int weight) {
        return """
                    real_server %s 80 {
                        weight %d
                        TCP_CHECK { connect_timeout 3 }
                    }
                """.formatted(address, weight);
    }

    private PoolStatus.RealServerStatus serverStatus(String vs, String server) {
        return pool.status().stream().filter(v -> v.service().equals(vs)).flatMap(v -> v.servers().stream())
                .filter(rs -> rs.server().contains(server)).findFirst().orElseThrow();
    }

    @Test
    void aChangedServersUnchangedRealServersKeepTheirStateAndTheServiceIsChangedInPlace() {
        started(CHANGED_POOL.formatted("rr", server("10.9.0.51", 1) + server("10.9.0.52", 1) + server("10.9.0.53", 1)));
        CheckerSlot failing = pool.slots().stream().filter(c -> c.server.text.contains("10.9.0.52")).findFirst().orElseThrow();
        for (int i = 0; i < 5 && serverStatus("[10.9.0.5]:tcp:80", "10.9.0.52").alive(); i++) {
            pool.apply(failing, CheckResult.down("refused"));
        }
        assertThat(serverStatus("[10.9.0.5]:tcp:80", "10.9.0.52").alive()).isFalse();
        VirtualServer running = load(CHANGED_POOL.formatted("rr",
                server("10.9.0.51", 1) + server("10.9.0.52", 1) + server("10.9.0.53", 1))).getFirst();
        RealServer first = running.realServers().getFirst();
        assertThat(pool.drain(running, first, true)).isEqualTo(HealthPool.ControlOutcome.DONE);

        // 10.9.0.53 goes, 10.9.0.54 comes, 10.9.0.52's weight changes, the scheduler changes.
        HealthPool.PoolReloadResult r = reload(CHANGED_POOL.formatted("wlc",
                server("10.9.0.51", 1) + server("10.9.0.52", 7) + server("10.9.0.54", 1)));

        assertThat(r).isEqualTo(new HealthPool.PoolReloadResult(0, 1, 0, 0));
        assertThat(plane.calls).containsExactly(
                "reloading",
                "removeDestination [10.9.0.5]:tcp:80 10.9.0.53",
                "replaceService [10.9.0.5]:tcp:80",
                "setDestination [10.9.0.5]:tcp:80 10.9.0.51 0",
                "setDestination [10.9.0.5]:tcp:80 10.9.0.54 1",
                "populated");
        assertThat(lines).containsExactly(
                "Shutting down service [10.9.0.53]:tcp:80 from VS [10.9.0.5]:tcp:80",
                "Activating healthchecker for service [10.9.0.54]:tcp:80 for VS [10.9.0.5]:tcp:80");
        assertThat(serverStatus("[10.9.0.5]:tcp:80", "10.9.0.51").alive()).as("up, still drained").isTrue();
        assertThat(pool.drained("[10.9.0.5]:tcp:80", "[10.9.0.51]:tcp:80")).isTrue();
        assertThat(serverStatus("[10.9.0.5]:tcp:80", "10.9.0.52").alive()).as("down until its checker says up").isFalse();
        assertThat(serverStatus("[10.9.0.5]:tcp:80", "10.9.0.54").alive()).isTrue();

        // The failed server's checker carried its state: one success brings it up with its new weight.
        plane.calls.clear();
        CheckerSlot carried = pool.slots().stream().filter(c -> c.server.text.contains("10.9.0.52")).findFirst().orElseThrow();
        assertThat(carried).isNotSameAs(failing);
        pool.apply(carried, CheckResult.up());
        assertThat(serverStatus("[10.9.0.5]:tcp:80", "10.9.0.52").alive()).isTrue();
        assertThat(plane.calls).containsExactly("setDestination [10.9.0.5]:tcp:80 10.9.0.52 7");
    }

    @Test
    void aStoppedCheckerResultIsIgnored() {
        started(KEPT + GOING);
        CheckerSlot going = pool.slots().stream().filter(c -> c.server.text.contains("10.9.0.21")).findFirst().orElseThrow();
        reload(KEPT);
        assertThat(pool.apply(going, CheckResult.down("refused"))).isNull();
        assertThat(lines).noneMatch(l -> l.contains("failed"));
    }

    /** Every call, in order, as one line. */
    static final class RecordingPlane implements DataPlane {
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void addService(VirtualServer vs) {
            calls.add("addService " + vs.describe());
        }

        @Override
        public void removeService(VirtualServer vs) {
            calls.add("removeService " + vs.describe());
        }

        @Override
        public void setDestination(VirtualServer vs, Destination d, long weight) {
            calls.add("setDestination " + vs.describe() + " " + d.address().getHostAddress() + " " + weight);
        }

        @Override
        public void removeDestination(VirtualServer vs, Destination d) {
            calls.add("removeDestination " + vs.describe() + " " + d.address().getHostAddress());
        }

        @Override
        public void reloading() {
            calls.add("reloading");
        }

        @Override
        public void replaceService(VirtualServer from, VirtualServer to) {
            calls.add("replaceService " + to.describe());
        }

        @Override
        public void populated() {
            calls.add("populated");
        }
    }
}
