package io.keepalived4j.daemon;

import io.keepalived4j.testsupport.FakeNotifySocket;
import io.keepalived4j.testsupport.NamespacedProcess;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP to a real checkers-only daemon ({@code -C}) in a namespace: the virtual server added to
 * the file gets its checker activated, the one removed is shut down as at SIGTERM, and the one
 * left as it was (its lines moved by a comment) keeps its checker: no second activation, no
 * shutdown line; a file with an error is refused and changes nothing.
 */
class CheckersReloadDaemonTest {

    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration STEP = Duration.ofSeconds(15);

    private static final String KEPT = """
            virtual_server 10.231.9.100 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.231.9.2 80 {
                    TCP_CHECK { connect_timeout 1 }
                }
            }
            """;
    private static final String GOING = """
            virtual_server 10.231.9.101 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.231.9.3 80 {
                    TCP_CHECK { connect_timeout 1 }
                }
            }
            """;
    private static final String COMING = """
            virtual_server 10.231.9.102 80 {
                lvs_sched rr
                lvs_method DR
                protocol TCP
                real_server 10.231.9.4 80 {
                    TCP_CHECK { connect_timeout 1 }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aReloadStartsTheAddedServerStopsTheRemovedOneAndLeavesTheKeptOneRunning() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("ckreload");
             FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"))) {
            assertThat(ns.exec("ip", "addr", "add", "10.231.9.1/24", "dev", "eth0").ok()).isTrue();
            Path conf = Files.writeString(dir.resolve("checkers.conf"), KEPT + GOING);
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "io.keepalived4j.cli.Main"));
            argv.addAll(List.of("-n", "-l", "-G", "-C", "--data-plane", "none", "--control-socket", "none", "-f", conf.toString(),
                    "-p", dir.resolve("k.pid").toString(), "-c", dir.resolve("c.pid").toString()));
            // A fake service manager's READY=1 says the SIGHUP handler is in place (before it, HUP ends the JVM).
            try (NamespacedProcess daemon = NamespacedProcess.start(ns, argv,
                    Map.of("NOTIFY_SOCKET", manager.path().toString()), dir.resolve("daemon.log"))) {
                manager.await("READY=1", START);
                await(daemon, "Activating healthchecker for service [10.231.9.3]:tcp:80 for VS [10.231.9.101]:tcp:80", STEP);
                assertThat(count(daemon, "Activating healthchecker for service [10.231.9.2]:tcp:80")).isEqualTo(1);

                // A broken file first: refused, nothing changes.
                Files.writeString(conf, KEPT + "virtual_server 10.231.9.103 80 {\n    lvs_sched nosuch\n");
                daemon.signal("HUP");
                await(daemon, "Reload failed", STEP);
                manager.await("READY=1", STEP);

                Files.writeString(conf, "# a comment moves every line of the kept server\n\n" + KEPT + COMING);
                daemon.signal("HUP");
                await(daemon, "Reload: virtual servers: 1 kept, 0 changed, 1 added, 1 removed", STEP);
                String out = daemon.output();
                assertThat(out).contains("Shutting down service [10.231.9.3]:tcp:80 from VS [10.231.9.101]:tcp:80")
                        .contains("Activating healthchecker for service [10.231.9.4]:tcp:80 for VS [10.231.9.102]:tcp:80")
                        .doesNotContain("from VS [10.231.9.100]:tcp:80");
                assertThat(count(daemon, "Activating healthchecker for service [10.231.9.2]:tcp:80")).isEqualTo(1);
                assertThat(daemon.isAlive()).isTrue();

                daemon.signal("TERM");
                assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isZero();
                assertThat(daemon.output())
                        .contains("Shutting down service [10.231.9.2]:tcp:80 from VS [10.231.9.100]:tcp:80")
                        .contains("Shutting down service [10.231.9.4]:tcp:80 from VS [10.231.9.102]:tcp:80");
                assertThat(count(daemon, "Shutting down service [10.231.9.3]:tcp:80")).as("stopped once, at the reload")
                        .isEqualTo(1);
            }
        }
    }

    private static void await(NamespacedProcess daemon, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!daemon.output().contains(text)) {
            assertThat(System.nanoTime() < deadline && daemon.isAlive()).as("waiting for \"%s\" in:%n%s", text,
                    daemon.output()).isTrue();
            Thread.sleep(100);
        }
    }

    private static int count(NamespacedProcess daemon, String text) {
        Matcher m = Pattern.compile(Pattern.quote(text)).matcher(daemon.output());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
