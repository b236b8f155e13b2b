package io.keepalived4j.interop;

import io.keepalived4j.testsupport.Root;
import io.keepalived4j.testsupport.lab.HostProcess;
import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LabHost;
import io.keepalived4j.testsupport.lab.LogFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeds' load balancers with the userspace proxy as their data plane, from the repaired
 * configurations in examples/, in a namespace lab: real servers (src/test/resources/lab/backend.py)
 * that answer their name, a client with several source addresses. The health checks drive the
 * pool the proxy schedules over; persistence holds clients to their servers, also across a
 * director failover (seed 001's lvs_sync_daemon); a long-lived connection survives a failure
 * elsewhere in the pool.
 */
class SeedProxyTest {

    private static final Path BACKEND = Path.of("src/test/resources/lab/backend.py").toAbsolutePath();
    private static final Path CLIENT = Path.of("src/test/resources/lab/client.py").toAbsolutePath();

    @Test
    void seed000RoundRobinWithPersistenceFollowsTheHealthChecksAndALongConnectionSurvives() throws Exception {
        Root.assumeRootOrFailOnCi();
        String config = Files.readString(Path.of("examples", "seed-000-lvs-dr-master.conf"));
        String net = "10.231.1";
        try (Lab lab = Lab.create("lb1", "rs1", "rs2", "client")) {
            LabHost lb1 = lab.host("lb1");
            LabHost client = lab.host("client");
            lb1.ip("addr", "add", net + ".11/24", "dev", "eth0");
            Map<String, HostProcess> servers = new HashMap<>();
            servers.put("rs1", backend(lab, "rs1", net + ".21"));
            servers.put("rs2", backend(lab, "rs2", net + ".22"));
            List<String> sources = List.of(net + ".51", net + ".52", net + ".53", net + ".54");
            for (String s : sources) {
                client.ip("addr", "add", s + "/24", "dev", "eth0");
            }
            client.ip("addr", "add", net + ".55/24", "dev", "eth0");
            String vip = net + ".100";
            String vs = "[" + vip + "]:tcp:80";
            try (Keepalived4jProcess k = Keepalived4jProcess.withProxy(lb1, config)) {
                LogFile log = k.log();
                k.start();
                log.await(Pattern.quote("VS " + vs + ": listening on /" + vip + ":80"), Duration.ofSeconds(20));
                awaitReachable(client, vip);

                // rr over the two servers, each source kept on its server by persistence_timeout 50.
                Map<String, String> serverOf = requests(client, vip, sources, 3);
                assertThat(new TreeSet<>(serverOf.values())).containsExactly("rs1", "rs2");

                // A long connection to one server, then the other server dies.
                HostProcess held = HostProcess.start(client, List.of("python3", CLIENT.toString(), "hold", vip, "80",
                        net + ".55"), lab.workDir().resolve("hold.log"));
                Path holdLog = lab.workDir().resolve("hold.log");
                String heldBy = awaitLine(holdLog, "HELD ", Duration.ofSeconds(10)).substring(5);
                String other = heldBy.equals("rs1") ? "rs2" : "rs1";
                String otherAddress = net + (other.equals("rs1") ? ".21" : ".22");
                LogFile.Mark killed = log.mark();
                servers.remove(other).close();
                log.await(killed, Pattern.quote("Removing service [" + otherAddress + "]:tcp:80 from VS " + vs),
                        Duration.ofSeconds(20));
                // Every client now reaches the survivor, including those persistent on the dead one.
                Map<String, String> after = requests(client, vip, sources, 2);
                assertThat(new TreeSet<>(after.values())).containsExactly(heldBy);
                // The long connection never noticed.
                long echoes = countLines(holdLog, "ECHO " + heldBy + ":tick");
                Thread.sleep(1000);
                assertThat(countLines(holdLog, "ECHO " + heldBy + ":tick")).isGreaterThan(echoes);
                assertThat(Files.readString(holdLog)).doesNotContain("LOST");

                // The dead server comes back and is added again.
                LogFile.Mark restarted = log.mark();
                servers.put(other, backend(lab, other, otherAddress));
                log.await(restarted, Pattern.quote("Adding service [" + otherAddress + "]:tcp:80 to VS " + vs),
                        Duration.ofSeconds(20));
                held.close();
                k.stop();
            } finally {
                servers.values().forEach(HostProcess::close);
            }
        }
    }

    @Test
    void seed001PersistenceSurvivesADirectorFailover() throws Exception {
        Root.assumeRootOrFailOnCi();
        String net = "10.231.2";
        String master = Files.readString(Path.of("examples", "seed-001-lvs-websocket-master.conf"));
        String backup = Files.readString(Path.of("examples", "seed-001-lvs-websocket-backup.conf"));
        assertThat(master).contains("lvs_sync_daemon eth0 VI_1");
        try (Lab lab = Lab.create("lb1", "lb2", "rs1", "rs2", "client")) {
            LabHost lb1 = lab.host("lb1");
            LabHost lb2 = lab.host("lb2");
            LabHost client = lab.host("client");
            lb1.ip("addr", "add", net + ".11/24", "dev", "eth0");
            lb2.ip("addr", "add", net + ".12/24", "dev", "eth0");
            List<HostProcess> servers = new ArrayList<>(List.of(backend(lab, "rs1", net + ".21"),
                    backend(lab, "rs2", net + ".22")));
            List<String> sources = new ArrayList<>();
            for (int i = 51; i <= 58; i++) {
                sources.add(net + "." + i);
                client.ip("addr", "add", net + "." + i + "/24", "dev", "eth0");
            }
            String vip = net + ".100";
            try (Keepalived4jProcess k1 = Keepalived4jProcess.withProxy(lb1, master);
                 Keepalived4jProcess k2 = Keepalived4jProcess.withProxy(lb2, backup)) {
                k1.start();
                k2.start();
                k1.log().await(Pattern.quote("(VI_1) Entering MASTER STATE"), Duration.ofSeconds(20));
                k2.log().await(Pattern.quote("Persistence sync: id 51"), Duration.ofSeconds(20));
                awaitReachable(client, vip);
                Map<String, String> before = requests(client, vip, sources, 2);
                assertThat(new TreeSet<>(before.values())).containsExactly("rs1", "rs2");
                Thread.sleep(1500); // the templates reach lb2 (sent as they are made)

                // lb1 dies (its link goes); lb2 takes the VIP over and the clients reconnect to it.
                lb1.linkDown();
                k2.log().await(Pattern.quote("(VI_1) Entering MASTER STATE"), Duration.ofSeconds(20));
                awaitReachable(client, vip);
                // In reverse order: lb2 scheduling afresh (no synced templates) would hand the
                // alternating servers out the other way round (.50, the probe, takes the first
                // pick on each director; then .51 got the second on lb1, .58 would get it on lb2).
                Map<String, String> after = requests(client, vip, sources.reversed(), 2);
                assertThat(after).as("every client reaches its server through the new MASTER").isEqualTo(before);
                assertThat(k2.log().text()).contains("VS [" + vip + "]:tcp:80: listening on /" + vip + ":80");
                lb1.linkUp();
            } finally {
                servers.forEach(HostProcess::close);
            }
        }
    }

    private static HostProcess backend(Lab lab, String name, String address) throws InterruptedException {
        LabHost host = lab.host(name);
        if (!host.addresses().contains(address + "/")) {
            host.ip("addr", "add", address + "/24", "dev", "eth0");
        }
        HostProcess p = HostProcess.start(host, List.of("python3", BACKEND.toString(), name, address, "80"),
                lab.workDir().resolve("backend-" + name + ".log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!host.exec(List.of("python3", "-c", "import socket; socket.create_connection(('" + address
                + "', 80), 1).close()"), Duration.ofSeconds(3)).ok()) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new AssertionError(name + "'s server on " + address + " did not start");
            }
            Thread.sleep(50);
        }
        return p;
    }

    /**
     * Waits until a request through the VIP gets an answer, from a source of its own (.50), so
     * that the probes do not take part in the tests' scheduling.
     */
    private static void awaitReachable(LabHost client, String vip) throws InterruptedException {
        String probe = vip.substring(0, vip.lastIndexOf('.')) + ".50";
        if (!client.addresses().contains(probe + "/")) {
            client.ip("addr", "add", probe + "/24", "dev", "eth0");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = client.exec(List.of("python3", CLIENT.toString(), "get", vip, "80", probe, "1"),
                    Duration.ofSeconds(10)).stdout();
            if (last.matches("(?s)\\S+ rs[12]\\s*")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the VIP " + vip + " does not answer: " + last);
    }

    /** {@code n} requests from each source; asserts each source saw one server and returns it. */
    private static Map<String, String> requests(LabHost client, String vip, List<String> sources, int n) {
        String out = client.exec(List.of("python3", CLIENT.toString(), "get", vip, "80", String.join(",", sources),
                Integer.toString(n)), Duration.ofSeconds(60)).stdout();
        Map<String, String> serverOf = new HashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            Set<String> seen = new TreeSet<>(List.of(f).subList(1, f.length));
            assertThat(seen).as("source " + f[0] + " (" + line + ") keeps one server").hasSize(1);
            assertThat(seen.iterator().next()).as(line).startsWith("rs");
            serverOf.put(f[0], seen.iterator().next());
        }
        assertThat(serverOf.keySet()).containsExactlyInAnyOrderElementsOf(sources);
        return serverOf;
    }

    private static String awaitLine(Path file, String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                for (String l : Files.readAllLines(file)) {
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line '" + prefix + "' in " + file + ": "
                + (Files.exists(file) ? Files.readString(file) : "(none)"));
    }

    private static long countLines(Path file, String prefix) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).count();
    }
}
