package io.keepalived4j.interop;

import io.keepalived4j.testsupport.Root;
import io.keepalived4j.testsupport.lab.HostProcess;
import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LabHost;
import io.keepalived4j.testsupport.lab.LogFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeds' load balancers with their health checks, from the repaired configurations in
 * examples/, unchanged: keepalived4j runs VRRP and the checkers on lb1 of a namespace lab whose
 * real servers (rs1, rs2) carry the seed's addresses and serve HTTP on port 80. Stopping rs1's
 * server takes it out of the virtual server with keepalived's line within the seed's check window
 * (the next check, then {@code retry} retries {@code delay_before_retry} apart, each failing at
 * once on a refused connection); restarting it brings it back within one more window.
 */
class SeedHealthChecksTest {

    /**
     * @param seed       the example's file name
     * @param net        the seed's /24 (10.231.N)
     * @param upLine     the checker's success line for rs1, as keepalived words it
     * @param windowSecs delay_loop + retry x delay_before_retry (+ slack for the attempt itself)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "seed-000-lvs-dr-master.conf, 10.231.1, TCP connection to %s success., 15",
            "seed-001-lvs-websocket-master.conf, 10.231.2, TCP connection to %s success., 8",
            "seed-004-lvs-dr-master.conf, 10.231.5, Remote Web server %s succeed on service., 15",
    })
    void aStoppedRealServerLeavesThePoolAndComesBack(String seed, String net, String upLine, int windowSecs)
            throws IOException {
        Root.assumeRootOrFailOnCi();
        String config = Files.readString(Path.of("examples", seed));
        try (Lab lab = Lab.create("lb1", "rs1", "rs2")) {
            LabHost lb1 = lab.host("lb1");
            LabHost rs1 = lab.host("rs1");
            LabHost rs2 = lab.host("rs2");
            lb1.ip("addr", "add", net + ".11/24", "dev", "eth0");
            rs1.ip("addr", "add", net + ".21/24", "dev", "eth0");
            rs2.ip("addr", "add", net + ".22/24", "dev", "eth0");
            Path site = lab.workDir().resolve("site");
            Files.createDirectories(site);
            Files.writeString(site.resolve("index.html"), "<html>seed " + seed + "</html>\n");
            HostProcess web1 = web(rs1, net + ".21", site, lab);
            HostProcess web2 = web(rs2, net + ".22", site, lab);
            String vs = "[" + net + ".100]:tcp:80";
            String rs = "[" + net + ".21]:tcp:80";
            try (Keepalived4jProcess k = Keepalived4jProcess.withCheckers(lb1, config)) {
                LogFile log = k.log();
                LogFile.Mark start = log.mark();
                k.start();
                // First checks come 1 s + a random share of warmup (= delay_loop) after the start.
                log.await(start, Pattern.quote(upLine.formatted(rs)), Duration.ofSeconds(windowSecs + 5));
                assertThat(log.since(start)).contains("Gained quorum 1+0=1 <= 2 for VS " + vs,
                        "Activating healthchecker for service " + rs + " for VS " + vs);

                LogFile.Mark stopped = log.mark();
                long t0 = System.nanoTime();
                web1.close();
                log.await(stopped, Pattern.quote("Removing service " + rs + " from VS " + vs),
                        Duration.ofSeconds(windowSecs + 5));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(took).as("removal within the check window").isLessThan(Duration.ofSeconds(windowSecs + 2));
                assertThat(log.since(stopped)).doesNotContain("Removing service [" + net + ".22]:tcp:80");

                LogFile.Mark restarted = log.mark();
                HostProcess again = web(rs1, net + ".21", site, lab);
                log.await(restarted, Pattern.quote("Adding service " + rs + " to VS " + vs),
                        Duration.ofSeconds(windowSecs + 5));
                assertThat(log.since(restarted)).contains(upLine.formatted(rs));
                again.close();
                k.stop();
                assertThat(log.since(start)).contains("Shutting down service [" + net + ".22]:tcp:80 from VS " + vs);
            } finally {
                web1.close();
                web2.close();
            }
        }
    }

    /** python3's HTTP server in {@code host}, on port 80 of {@code address}, serving {@code site}. */
    private static HostProcess web(LabHost host, String address, Path site, Lab lab) {
        HostProcess p = HostProcess.start(host, List.of("python3", "-m", "http.server", "80", "--bind", address,
                "--directory", site.toString()), lab.workDir().resolve("web-" + host.name() + ".log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!host.exec(List.of("python3", "-c", "import socket; socket.create_connection(('" + address
                + "', 80), 1).close()"), Duration.ofSeconds(3)).ok()) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                throw new AssertionError("the web server on " + address + " did not start");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return p;
    }
}
