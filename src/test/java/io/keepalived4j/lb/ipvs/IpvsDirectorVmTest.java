package io.keepalived4j.lb.ipvs;

import io.keepalived4j.testsupport.IpvsVm;
import io.keepalived4j.testsupport.IpvsadmListing;
import io.keepalived4j.testsupport.Root;
import io.keepalived4j.testsupport.lab.HostProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LabHost;
import io.keepalived4j.testsupport.lab.LabTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end, LVS-DR as the seeds build it: keepalived4j in the VM guest (Debian's kernel, IPVS) is
 * the director on a lab bridge (tap), holding the VIP by VRRP and forwarding by IPVS to two real
 * servers in host namespaces (the VIP on their lo, arp_ignore=1, arp_announce=2); a client in a third
 * namespace reaches the VIP and gets answers from both; one real server dies and the director's
 * TCP_CHECK takes it out of the kernel table, after which every request reaches the survivor; the
 * daemon's stop leaves the table empty. {@code --data-plane auto} picks IPVS by itself, and the
 * connection sync daemon ({@code lvs_sync_daemon eth0 VI_1}) runs as master while VI_1 is MASTER.
 */
class IpvsDirectorVmTest {

    private static final Path BACKEND = Path.of("src/test/resources/lab/backend.py").toAbsolutePath();
    private static final Path CLIENT = Path.of("src/test/resources/lab/client.py").toAbsolutePath();

    private static final String GUEST = """
            ip link set eth0 up && ip addr add $GUEST_ADDR/24 dev eth0
            $K4J_DAEMON -n -l -D -f /etc/keepalived/keepalived.conf >/tmp/k4j.log 2>&1 &
            pid=$!
            wait_for() {
              i=0
              while [ $i -lt $(($2 * 5)) ]; do eval "$1" && return 0; sleep 0.2; i=$((i + 1)); done
              echo "TIMEOUT $3"; return 1
            }
            routes() { ipvsadm -Ln | grep -c "Route *1 "; }
            all_routes() { ipvsadm -Ln | grep -c "Route "; }
            wait_for '[ "$(routes)" = 2 ]' 180 ready
            echo K4J_SECTION ready
            ipvsadm -Ln
            wait_for 'ipvsadm -L --daemon | grep -q "^master"' 60 master
            echo K4J_SECTION daemon
            ipvsadm -L --daemon
            wait_for '[ "$(all_routes)" = 1 ]' 120 removed
            echo K4J_SECTION removed
            ipvsadm -Ln
            wait_for 'echo done | nc -w 2 $DONE_ADDR $DONE_PORT >/dev/null 2>&1' 180 done
            kill $pid
            wait_for '! kill -0 $pid 2>/dev/null' 20 stop
            echo K4J_SECTION stopped
            ipvsadm -Ln
            echo K4J_SECTION stopped-daemon
            ipvsadm -L --daemon
            echo K4J_SECTION log
            cat /tmp/k4j.log
            """;

    private static final String CONFIG = """
            global_defs {
                router_id director
                lvs_sync_daemon eth0 VI_1
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 77
                priority 150
                advert_int 1
                virtual_ipaddress {
                    %1$s
                }
            }
            virtual_server %1$s 80 {
                delay_loop 1
                lb_algo rr
                lb_kind DR
                protocol TCP
                real_server %2$s 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
                real_server %3$s 80 {
                    weight 1
                    TCP_CHECK {
                        connect_timeout 1
                        retry 1
                        delay_before_retry 1
                    }
                }
            }
            """;

    @Test
    void aGuestDirectorForwardsLvsDrAndItsCheckerTakesADeadServerOut() throws Exception {
        Root.assumeRootOrFailOnCi();
        LabTools.assumeInstalledOrFailOnCi(LabTools.LAB);
        IpvsVm.assumeAvailableOrFailOnCi();

        try (Lab lab = Lab.create("rs1", "rs2", "client")) {
            String vip = lab.vip4(1).getHostAddress();
            LabHost client = lab.host("client");
            List<HostProcess> processes = new ArrayList<>();
            try {
                HostProcess rs1 = realServer(lab, "rs1", vip);
                processes.add(rs1);
                processes.add(realServer(lab, "rs2", vip));
                int donePort = ThreadLocalRandom.current().nextInt(20_000, 40_000);
                String config = CONFIG.formatted(vip, lab.host("rs1").address4().getHostAddress(),
                        lab.host("rs2").address4().getHostAddress());
                IpvsVm.Builder guest = IpvsVm.script(GUEST).shareTestJvm()
                        .netns(lab.switchNamespace()).tap(lab.addTap())
                        .file("/etc/keepalived/keepalived.conf", config)
                        .env("GUEST_ADDR", lab.guest4(1).getHostAddress())
                        .env("DONE_ADDR", client.address4().getHostAddress())
                        .env("DONE_PORT", Integer.toString(donePort))
                        .timeLimit(Duration.ofSeconds(420));
                CompletableFuture<IpvsVm.Result> run = CompletableFuture.supplyAsync(guest::run);

                // The client reaches the VIP, and round robin spreads it over both real servers.
                Set<String> seen = awaitAnswers(client, vip, run, s -> s.containsAll(Set.of("rs1", "rs2")),
                        Duration.ofSeconds(240));
                assertThat(seen).contains("rs1", "rs2");

                // rs1 dies: its refusals go on until the director's checker takes it out.
                rs1.close();
                Set<String> after = awaitAnswers(client, vip, run, s -> s.equals(Set.of("rs2")), Duration.ofSeconds(90));
                assertThat(after).containsExactly("rs2");

                processes.add(HostProcess.start(client, List.of("python3", "-c", """
                        import socket
                        s = socket.socket()
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        s.bind(('0.0.0.0', %d))
                        s.listen(5)
                        while True:
                            s.accept()[0].close()
                        """.formatted(donePort)), lab.workDir().resolve("done.log")));
                IpvsVm.Result vm = run.get(300, TimeUnit.SECONDS);

                assertThat(vm.guestExit()).as(vm.output()).hasValue(0);
                IpvsadmListing ready = IpvsadmListing.parse(vm.section("ready"));
                IpvsadmListing.Service svc = ready.byKey().get("TCP " + vip + ":80");
                assertThat(svc).as(vm.output()).isNotNull();
                assertThat(svc.header()).isEqualTo("TCP " + vip + ":80 rr");
                assertThat(svc.destinations()).extracting(d -> d.forward() + " " + d.weight())
                        .containsExactly("ROUTE 1", "ROUTE 1");
                IpvsadmListing removed = IpvsadmListing.parse(vm.section("removed"));
                assertThat(removed.byKey().get("TCP " + vip + ":80").destinationEndpoints())
                        .containsExactly(lab.host("rs2").address4().getHostAddress() + ":80");
                assertThat(IpvsadmListing.parse(vm.section("stopped")).isEmpty()).as(vm.output()).isTrue();
                // lvs_sync_daemon follows VI_1: the master sync daemon while it is MASTER (sync id = its
                // VRID), none once the daemon stopped.
                assertThat(vm.section("daemon")).as(vm.output()).hasSize(1)
                        .allSatisfy(l -> assertThat(l).startsWith("master sync daemon (mcast=eth0, syncid=77,"));
                assertThat(vm.section("stopped-daemon")).as(vm.output()).isEmpty();
                List<String> log = vm.section("log");
                assertThat(log).anySatisfy(l -> assertThat(l).contains("--data-plane auto: the kernel's IPVS forwards"));
                assertThat(log).anySatisfy(l -> assertThat(l).contains("(VI_1) Entering MASTER STATE"));
                assertThat(log).anySatisfy(l -> assertThat(l).contains("Removing service [" + lab.host("rs1").address4()
                        .getHostAddress() + "]:tcp:80 from VS [" + vip + "]:tcp:80"));
            } finally {
                processes.forEach(HostProcess::close);
            }
        }
    }

    /** An LVS-DR real server: the VIP on lo, no ARP for it, backend.py answering its name on every address. */
    private static HostProcess realServer(Lab lab, String name, String vip) throws InterruptedException {
        LabHost host = lab.host(name);
        host.ip("addr", "add", vip + "/32", "dev", "lo");
        for (String sysctl : List.of("net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2",
                "net.ipv4.conf.eth0.arp_ignore=1", "net.ipv4.conf.eth0.arp_announce=2")) {
            assertThat(host.exec(List.of("sysctl", "-qw", sysctl), Duration.ofSeconds(5)).ok()).as(sysctl).isTrue();
        }
        HostProcess p = HostProcess.start(host, List.of("python3", BACKEND.toString(), name, "0.0.0.0", "80"),
                lab.workDir().resolve("backend-" + name + ".log"));
        String own = host.address4().getHostAddress();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!host.exec(List.of("python3", "-c", "import socket; socket.create_connection(('" + own
                + "', 80), 1).close()"), Duration.ofSeconds(3)).ok()) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new AssertionError(name + "'s backend does not listen");
            }
            Thread.sleep(100);
        }
        return p;
    }

    /**
     * Sends rounds of 6 requests from the client to the VIP until one round's set of answering servers
     * satisfies {@code done} (an error counts as an answer "ERR..."), and returns that set.
     */
    private static Set<String> awaitAnswers(LabHost client, String vip, CompletableFuture<IpvsVm.Result> run,
                                            java.util.function.Predicate<Set<String>> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String source = client.address4().getHostAddress();
        Set<String> last = Set.of();
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                throw new AssertionError("the guest ended early; last answers " + last + "; " + run.get().output());
            }
            String out = client.exec(List.of("python3", CLIENT.toString(), "get", vip, "80", source, "6"),
                    Duration.ofSeconds(60)).stdout().strip();
            String[] f = out.split("\\s+");
            last = new TreeSet<>(List.of(f).subList(Math.min(1, f.length), f.length));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("answers from the VIP stayed " + last);
    }
}
