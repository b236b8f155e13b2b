package io.keepalived4j.lb.ipvs;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.ServerConnections;
import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsForwarding;
import io.keepalived4j.os.netlink.IpvsProtocol;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.IpvsSyncDaemon;
import io.keepalived4j.os.netlink.IpvsTimeouts;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IPVS back end against an in-memory kernel that answers as ip_vs_ctl.c does: the start
 * converges a table that already has entries (ours from a previous run, and others'), each pool
 * change becomes its one command, a table changed behind our back is re-read and repaired, the
 * stop removes only our services (or everything with lvs_flush_on_stop), and the sync daemons
 * follow their instance.
 */
class IpvsDataPlaneTest {

    private static final String CONF = """
            global_defs {
                lvs_timeouts tcp 600 udp 120
            }
            virtual_server 10.9.0.100 80 {
                lb_algo rr
                lb_kind DR
                protocol TCP
                persistence_timeout 60
                real_server 10.9.0.11 80 {
                    weight 1
                    TCP_CHECK { connect_timeout 3 }
                }
                real_server 10.9.0.12 80 {
                    weight 2
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            virtual_server_group web {
                10.9.0.200-202 80
            }
            virtual_server group web {
                lb_algo wrr
                lb_kind NAT
                protocol TCP
                real_server 10.9.1.1 8080 {
                    weight 3
                    TCP_CHECK { connect_timeout 3 }
                }
            }
            """;

    private final KeepalivedConfig config = load(CONF);
    private final VirtualServer plain = config.lvs().virtualServers().get(0);
    private final VirtualServer grouped = config.lvs().virtualServers().get(1);
    private final FakeIpvsKernel kernel = new FakeIpvsKernel();

    private static KeepalivedConfig load(String text) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("ipvs.conf", text, LoadOptions.withConfigId("t"));
        assertThat(r.model()).as(r.diagnostics().toString()).isNotNull();
        return r.model();
    }

    private static Destination dest(RealServer rs) {
        return new Destination(rs.address(), rs.port(), rs.forwarding(), false);
    }

    private static IpvsServiceKey key(String address, int port) throws Exception {
        return IpvsServiceKey.of(IpvsProtocol.TCP, InetAddress.getByName(address), port);
    }

    private IpvsDataPlane plane(IpvsSettings settings) {
        return new IpvsDataPlane(kernel, config.lvs().groups(), settings);
    }

    /** What the pool does at start: each service, its healthy servers with their weights. */
    private static void startPool(IpvsDataPlane p, VirtualServer... vss) {
        for (VirtualServer vs : vss) {
            p.addService(vs);
            for (RealServer rs : vs.realServers()) {
                p.setDestination(vs, dest(rs), rs.weight());
            }
        }
        p.populated();
    }

    @Test
    void theStartCreatesEveryServiceAndDestinationWithTheConfiguredSettings() throws Exception {
        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        startPool(p, plain, grouped);

        IpvsService svc = kernel.services.get(key("10.9.0.100", 80));
        assertThat(svc.scheduler()).isEqualTo("rr");
        assertThat(svc.timeout()).isEqualTo(60);
        assertThat(kernel.destinationsOf(svc.key()).values()).extracting(IpvsDestination::weight).containsExactlyInAnyOrder(1, 2);
        assertThat(kernel.destinationsOf(svc.key()).values()).extracting(IpvsDestination::forwarding)
                .containsOnly(IpvsForwarding.ROUTE);
        for (String a : List.of("10.9.0.200", "10.9.0.201", "10.9.0.202")) {
            assertThat(kernel.services.get(key(a, 80)).scheduler()).as(a).isEqualTo("wrr");
            assertThat(kernel.destinationsOf(key(a, 80))).as(a)
                    .containsOnlyKeys(new InetSocketAddress(InetAddress.getByName("10.9.1.1"), 8080));
        }
        assertThat(kernel.services).hasSize(4);
        assertThat(p.failedCommands()).isZero();
    }

    @Test
    void connectionsAreReportedPerRealServerOfOurServicesSummedOverAGroup() throws Exception {
        IpvsService other = IpvsService.of(key("192.0.2.1", 443), "lc");
        kernel.add(other, new IpvsDestination(InetAddress.getByName("192.0.2.9"), 443, IpvsForwarding.MASQ, 1, 0, 0, Optional.empty()));
        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        startPool(p, plain, grouped);
        kernel.connections.put(new InetSocketAddress(InetAddress.getByName("10.9.1.1"), 8080), new int[] {2, 1});
        kernel.connections.put(new InetSocketAddress(InetAddress.getByName("10.9.0.11"), 80), new int[] {4, 0});
        kernel.connections.put(new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 443), new int[] {9, 9});

        var c = p.connections();

        assertThat(c).containsOnlyKeys(ServerConnections.key(plain.describe(), "[10.9.0.11]:80"),
                ServerConnections.key(plain.describe(), "[10.9.0.12]:80"),
                ServerConnections.key(grouped.describe(), "[10.9.1.1]:8080"));
        assertThat(c.get(ServerConnections.key(plain.describe(), "[10.9.0.11]:80"))).isEqualTo(new ServerConnections(4, 0));
        // The group is three kernel services with the same real server: 3 x (2, 1).
        assertThat(c.get(ServerConnections.key(grouped.describe(), "[10.9.1.1]:8080"))).isEqualTo(new ServerConnections(6, 3));
        kernel.listFails = true;
        assertThat(p.connections()).as("an unreadable table: nothing, not an exception").isEmpty();
    }

    @Test
    void theStartConvergesWhatIsThereWithoutTouchingOthersOrRecreatingOurs() throws Exception {
        // Someone else's service, and ours from a previous run: a stale destination, one weight off.
        IpvsService other = IpvsService.of(key("192.0.2.1", 443), "lc");
        kernel.add(other, new IpvsDestination(InetAddress.getByName("192.0.2.9"), 443, IpvsForwarding.MASQ, 1, 0, 0, Optional.empty()));
        IpvsService ours = IpvsMapping.services(plain, java.util.Map.of()).getFirst();
        RealServer rs1 = plain.realServers().get(0);
        kernel.add(ours, IpvsMapping.destination(plain, dest(rs1), 7),
                new IpvsDestination(InetAddress.getByName("10.9.0.99"), 80, IpvsForwarding.ROUTE, 1, 0, 0, Optional.empty()));

        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        startPool(p, plain);

        assertThat(kernel.commands()).noneMatch(c -> c instanceof IpvsCommand.NewService || c instanceof IpvsCommand.DeleteService);
        assertThat(kernel.commands()).filteredOn(c -> c instanceof IpvsCommand.SetDestination).hasSize(1);
        assertThat(kernel.destinationsOf(ours.key()).values()).extracting(d -> d.address().getHostAddress(), IpvsDestination::weight)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.9.0.11", 1),
                        org.assertj.core.groups.Tuple.tuple("10.9.0.12", 2));
        assertThat(kernel.destinationsOf(other.key())).hasSize(1);

        // The adopted service is ours now: the stop removes it, and only it.
        p.removeService(plain);
        p.close();
        assertThat(kernel.services).containsOnlyKeys(other.key());
    }

    @Test
    void aGroupsFwmarkServiceGetsItsServersWithoutAPortAsKeepalivedProgramsThem() throws Exception {
        KeepalivedConfig c = load("""
                virtual_server_group mixed {
                    10.9.0.210 80
                    fwmark 21
                }
                virtual_server group mixed {
                    lb_algo wlc
                    lb_kind DR
                    protocol TCP
                    real_server 10.9.1.5 80 {
                        weight 2
                        TCP_CHECK { connect_timeout 3 }
                    }
                }
                """);
        VirtualServer vs = c.lvs().virtualServers().getFirst();
        IpvsDataPlane p = new IpvsDataPlane(kernel, c.lvs().groups(), IpvsSettings.DEFAULTS);
        startPool(p, vs);
        IpvsServiceKey fwm = IpvsServiceKey.fwmark(io.keepalived4j.os.netlink.AddressFamily.AF_INET, 21);
        InetAddress rs = InetAddress.getByName("10.9.1.5");
        assertThat(kernel.destinationsOf(key("10.9.0.210", 80))).containsOnlyKeys(new InetSocketAddress(rs, 80));
        assertThat(kernel.destinationsOf(fwm)).containsOnlyKeys(new InetSocketAddress(rs, 0));

        p.removeDestination(vs, dest(vs.realServers().getFirst()));
        assertThat(kernel.destinationsOf(fwm)).isEmpty();
        assertThat(kernel.destinationsOf(key("10.9.0.210", 80))).isEmpty();
        assertThat(p.failedCommands()).isZero();
    }

    @Test
    void eachPoolChangeIsItsOwnCommand() throws Exception {
        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        startPool(p, plain);
        int before = kernel.commands().size();
        RealServer rs1 = plain.realServers().get(0);

        p.setDestination(plain, dest(rs1), 0); // inhibit_on_failure quiesces
        p.removeDestination(plain, dest(rs1));
        p.setDestination(plain, dest(rs1), 1);
        p.setDestination(plain, dest(rs1), 1); // no change, no command

        List<IpvsCommand> after = kernel.commands().subList(before, kernel.commands().size());
        assertThat(after).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("SetDestination", "DeleteDestination", "NewDestination");
        assertThat(kernel.destinationsOf(key("10.9.0.100", 80))).hasSize(2);
    }

    @Test
    void aTableChangedBehindOurBackIsReadAgainAndRepaired() throws Exception {
        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        startPool(p, plain);
        kernel.deleteBehindTheBack(key("10.9.0.100", 80)); // ipvsadm -D -t 10.9.0.100:80

        p.setDestination(plain, dest(plain.realServers().get(1)), 5);

        assertThat(p.failedCommands()).isEqualTo(1); // the SET_DEST's ESRCH
        assertThat(p.resyncs()).isEqualTo(1);
        assertThat(kernel.services).containsKey(key("10.9.0.100", 80));
        assertThat(kernel.destinationsOf(key("10.9.0.100", 80)).values()).extracting(IpvsDestination::weight)
                .containsExactlyInAnyOrder(1, 5);
    }

    @Test
    void aKernelThatRefusesEverythingCostsCountersNotExceptions() throws Exception {
        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        kernel.failures = Integer.MAX_VALUE;
        startPool(p, plain);
        p.setDestination(plain, dest(plain.realServers().get(0)), 3);
        kernel.listFails = true;
        p.removeDestination(plain, dest(plain.realServers().get(0)));
        p.close();

        assertThat(p.failedCommands()).isGreaterThanOrEqualTo(3);
        assertThat(kernel.services).isEmpty();
        assertThat(kernel.closed).isTrue();

        // The kernel recovers: a new start converges fully.
        kernel.failures = 0;
        kernel.listFails = false;
        IpvsDataPlane again = plane(IpvsSettings.DEFAULTS);
        startPool(again, plain);
        assertThat(kernel.destinationsOf(key("10.9.0.100", 80))).hasSize(2);
    }

    @Test
    void theStopRemovesOnlyOurServicesAndLvsFlushOnStopFlushesAll() throws Exception {
        IpvsService other = IpvsService.of(key("192.0.2.1", 443), "lc");
        kernel.add(other);
        IpvsDataPlane p = plane(IpvsSettings.DEFAULTS);
        startPool(p, plain, grouped);
        p.close(); // a stop without the pool's own removals still leaves none of ours
        assertThat(kernel.services).containsOnlyKeys(other.key());

        IpvsDataPlane full = plane(new IpvsSettings(false, IpvsSettings.FlushOnStop.FULL, Optional.empty(), Optional.empty()));
        startPool(full, plain);
        full.close();
        assertThat(kernel.services).isEmpty();
        assertThat(kernel.flushes).isEqualTo(1);
    }

    @Test
    void lvsFlushEmptiesTheTableFirstAndLvsTimeoutsAreSet() throws Exception {
        kernel.add(IpvsService.of(key("192.0.2.1", 443), "lc"));
        List<String> problems = new ArrayList<>();
        IpvsSettings settings = IpvsSettings.of(java.util.Map.of("lvs_flush", List.of(),
                "lvs_timeouts", List.of("tcp", "600", "udp", "120")), List.of(), problems);
        assertThat(problems).isEmpty();
        IpvsDataPlane p = plane(settings);
        startPool(p, plain);
        assertThat(kernel.services).containsOnlyKeys(key("10.9.0.100", 80));
        assertThat(kernel.timeouts()).isEqualTo(new IpvsTimeouts(600, 120, 120));
        p.close();
        assertThat(kernel.timeouts()).as("the kernel's own, put back at stop").isEqualTo(new IpvsTimeouts(900, 120, 300));
    }

    @Test
    void lvsFlushOnStopKeywordsMapAsKeepalivedReadsThem() {
        assertThat(IpvsSettings.of(java.util.Map.of("lvs_flush_on_stop", List.of()), List.of(), new ArrayList<>()).flushOnStop())
                .isEqualTo(IpvsSettings.FlushOnStop.FULL);
        assertThat(IpvsSettings.of(java.util.Map.of("lvs_flush_on_stop", List.of("VS")), List.of(), new ArrayList<>()).flushOnStop())
                .isEqualTo(IpvsSettings.FlushOnStop.VS);
        assertThat(IpvsSettings.of(java.util.Map.of("lvs_flush_onstop", List.of()), List.of(), new ArrayList<>()).flushOnStop())
                .isEqualTo(IpvsSettings.FlushOnStop.FULL);
        assertThat(IpvsSettings.of(java.util.Map.of(), List.of(), new ArrayList<>())).isEqualTo(IpvsSettings.DEFAULTS);
    }

    @Test
    void withoutAnInstanceBothSyncDaemonsRunFromStartToStop() {
        IpvsSettings s = IpvsSettings.of(java.util.Map.of("lvs_sync_daemon", List.of("eth1", "id", "7")), List.of(), new ArrayList<>());
        kernel.daemons.put(IpvsSyncDaemon.State.MASTER, IpvsSyncDaemon.of(IpvsSyncDaemon.State.MASTER, "old0", 1)); // a crash's leftover
        IpvsDataPlane p = plane(s);
        assertThat(kernel.daemons).containsOnlyKeys(IpvsSyncDaemon.State.MASTER, IpvsSyncDaemon.State.BACKUP);
        assertThat(kernel.daemons.values()).extracting(IpvsSyncDaemon::interfaceName, IpvsSyncDaemon::syncId)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("eth1", 7));
        p.close();
        assertThat(kernel.daemons).isEmpty();
    }

    @Test
    void withAnInstanceTheSyncDaemonFollowsItsState() throws Exception {
        KeepalivedConfig c = load("""
                global_defs {
                    lvs_sync_daemon eth1 VI_1
                }
                vrrp_instance VI_1 {
                    interface eth1
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.9.0.100
                    }
                }
                """);
        List<String> problems = new ArrayList<>();
        IpvsSettings s = IpvsSettings.of(c.global().other(), c.vrrp().instances(), problems);
        assertThat(problems).isEmpty();
        assertThat(s.sync().orElseThrow().syncId()).as("the VRID by default").isEqualTo(51);
        IpvsDataPlane p = new IpvsDataPlane(kernel, List.of(), s);
        assertThat(kernel.daemons).isEmpty();

        p.instanceState("VI_1", "BACKUP");
        awaitDaemons(IpvsSyncDaemon.State.BACKUP);
        p.instanceState("VI_2", "MASTER"); // another instance: ignored
        p.instanceState("VI_1", "MASTER");
        awaitDaemons(IpvsSyncDaemon.State.MASTER);
        p.instanceState("VI_1", "FAULT");
        awaitDaemons(IpvsSyncDaemon.State.BACKUP);
        p.close();
        assertThat(kernel.daemons).isEmpty();
    }

    @Test
    void anUnknownSyncInstanceIsReportedAsKeepalivedDoes() {
        List<String> problems = new ArrayList<>();
        IpvsSettings s = IpvsSettings.of(java.util.Map.of("lvs_sync_daemon", List.of("eth1", "VI_9")), List.of(), problems);
        assertThat(s.sync()).isEmpty();
        assertThat(problems).containsExactly("Unable to find vrrp instance VI_9 for lvs_syncd - clearing lvs_syncd config");
    }

    private void awaitDaemons(IpvsSyncDaemon.State... states) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            synchronized (kernel) {
                if (kernel.daemons.keySet().equals(java.util.Set.of(states))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        assertThat(kernel.daemons.keySet()).containsExactlyInAnyOrder(states);
    }
}
