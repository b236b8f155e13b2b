package io.keepalived4j.lb.ipvs;

import io.keepalived4j.check.CheckClock;
import io.keepalived4j.check.CheckResult;
import io.keepalived4j.check.HealthCheck;
import io.keepalived4j.check.HealthPool;
import io.keepalived4j.check.PoolListener;
import io.keepalived4j.check.PoolSettings;
import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsProtocol;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP with the kernel's IPVS as the data plane: a changed virtual server (scheduler, a weight,
 * a real server more) converges in place with SET and destination commands, never a service
 * deleted and created again (its connections would go); an unchanged one gets no command; a
 * removed one is deleted and an added one created, as at stop and start.
 */
class IpvsPoolReloadTest {

    private static final String KEPT = """
            virtual_server 10.9.0.1 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.9.0.11 80 {
                    weight 1
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;
    private static final String CHANGING = """
            virtual_server 10.9.0.3 80 {
                lvs_sched %s
                lvs_method DR
                protocol TCP
                real_server 10.9.0.31 80 {
                    weight %d
                    TCP_CHECK { connect_timeout 3 }
                }
            %s}
            """;
    private static final String EXTRA_SERVER = """
                real_server 10.9.0.32 80 {
                    TCP_CHECK { connect_timeout 3 }
                }
            """;
    private static final String GOING = """
            virtual_server 10.9.0.2 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.9.0.21 80 {
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;
    private static final String COMING = """
            virtual_server 10.9.0.4 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.9.0.41 80 {
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;

    private final FakeIpvsKernel kernel = new FakeIpvsKernel();
    private IpvsDataPlane plane;
    private HealthPool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        if (plane != null) {
            plane.close();
        }
    }

    private static KeepalivedConfig load(String text) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("reload.conf", text, LoadOptions.withConfigId("t"));
        assertThat(r.diagnostics().hasErrors()).as("%s", r.diagnostics().all()).isFalse();
        return r.model();
    }

    private static IpvsServiceKey key(String address) throws Exception {
        return IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName(address), 80);
    }

    /** Checks that stay up: the test is about the reload, not the checks. */
    private static Optional<HealthCheck> alwaysUp(Checker c, VirtualServer vs, RealServer rs) {
        return Optional.of(new HealthCheck() {
            @Override
            public CheckResult attempt() {
                return CheckResult.up();
            }

            @Override
            public Optional<String> upLine() {
                return Optional.empty();
            }

            @Override
            public Optional<String> downLine(long retries, CheckResult.Down last) {
                return Optional.empty();
            }

            @Override
            public String upAlert() {
                return "";
            }

            @Override
            public String downAlert(CheckResult.Down last) {
                return "";
            }
        });
    }

    private static final PoolListener QUIET = new PoolListener() {
        @Override
        public void log(String line) {
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

    private void start(String text) {
        KeepalivedConfig c = load(text);
        plane = new IpvsDataPlane(kernel, c.lvs().groups(), IpvsSettings.DEFAULTS);
        pool = HealthPool.create(c.lvs().virtualServers(), plane, QUIET, PoolSettings.DEFAULTS,
                IpvsPoolReloadTest::alwaysUp, CheckClock.SYSTEM);
        pool.start(f -> 0L, vs -> true);
    }

    private List<IpvsCommand> reload(String text) {
        int before = kernel.commands().size();
        pool.reload(load(text).lvs().virtualServers(), PoolSettings.DEFAULTS, IpvsPoolReloadTest::alwaysUp,
                f -> 0L, vs -> true);
        return kernel.commands().subList(before, kernel.commands().size());
    }

    private static IpvsServiceKey keyOf(IpvsCommand c) {
        return switch (c) {
            case IpvsCommand.NewService s -> s.service().key();
            case IpvsCommand.SetService s -> s.service().key();
            case IpvsCommand.DeleteService s -> s.service().key();
            case IpvsCommand.NewDestination d -> d.service().key();
            case IpvsCommand.SetDestination d -> d.service().key();
            case IpvsCommand.DeleteDestination d -> d.service().key();
        };
    }

    @Test
    void aChangedServerIsEditedInPlaceAndTheUnchangedOneHearsNothing() throws Exception {
        start(KEPT + CHANGING.formatted("rr", 1, ""));

        List<IpvsCommand> commands = reload(KEPT + CHANGING.formatted("wlc", 5, EXTRA_SERVER));

        assertThat(commands).noneMatch(c -> c instanceof IpvsCommand.NewService || c instanceof IpvsCommand.DeleteService);
        assertThat(commands).noneMatch(c -> c instanceof IpvsCommand.DeleteDestination);
        assertThat(commands).extracting(IpvsPoolReloadTest::keyOf).containsOnly(key("10.9.0.3"));
        assertThat(commands).hasExactlyElementsOfTypes(IpvsCommand.SetService.class, IpvsCommand.SetDestination.class,
                IpvsCommand.NewDestination.class);
        assertThat(kernel.services.get(key("10.9.0.3")).scheduler()).isEqualTo("wlc");
        assertThat(kernel.destinationsOf(key("10.9.0.3")).values()).extracting(d -> d.address().getHostAddress(),
                IpvsDestination::weight).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.9.0.31", 5),
                org.assertj.core.groups.Tuple.tuple("10.9.0.32", 1));
    }

    @Test
    void aFileWithNothingChangedSendsNoCommand() {
        start(KEPT + GOING);

        assertThat(reload("\n# moved\n" + KEPT + GOING)).isEmpty();
    }

    @Test
    void aRemovedServerIsDeletedAndAnAddedOneCreatedAsAtStopAndStart() throws Exception {
        start(KEPT + GOING);

        List<IpvsCommand> commands = reload(KEPT + COMING);

        assertThat(commands).extracting(IpvsPoolReloadTest::keyOf).doesNotContain(key("10.9.0.1"));
        assertThat(commands).filteredOn(c -> c instanceof IpvsCommand.DeleteService).extracting(IpvsPoolReloadTest::keyOf)
                .containsExactly(key("10.9.0.2"));
        assertThat(commands).filteredOn(c -> c instanceof IpvsCommand.NewService).extracting(IpvsPoolReloadTest::keyOf)
                .containsExactly(key("10.9.0.4"));
        assertThat(kernel.services).containsOnlyKeys(key("10.9.0.1"), key("10.9.0.4"));
        assertThat(kernel.destinationsOf(key("10.9.0.4"))).hasSize(1);
        assertThat(plane.failedCommands()).isZero();
    }
}
