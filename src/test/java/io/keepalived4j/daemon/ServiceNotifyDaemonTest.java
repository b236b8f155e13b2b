package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.FakeNotifySocket;
import io.keepalived4j.testsupport.NamespacedProcess;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon process in a namespace under a fake service manager (systemd is not PID 1 here):
 * READY=1 once VRRP runs, WATCHDOG=1 at half of WATCHDOG_USEC, RELOADING=1 then READY=1 around a
 * SIGHUP, STOPPING=1 on SIGTERM, in that order, with VRRP and with the health checkers alone; and
 * no pings when WATCHDOG_PID names another process.
 */
class ServiceNotifyDaemonTest {

    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration STEP = Duration.ofSeconds(10);

    private static final String CONFIG = """
            global_defs {
                    router_id k4jsdnotify
                    vrrp_garp_master_delay 0
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 51
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        10.231.8.100/24
                    }
                }
                """;

    @TempDir
    Path dir;

    @Test
    void tellsTheServiceManagerEachLifecycleStepInOrder() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("sdnotify");
             FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"));
             NamespacedProcess daemon = start(ns, manager, Map.of("WATCHDOG_USEC", "1000000"))) {
            String ready = manager.await("READY=1", START);
            assertThat(ready).isEqualTo("READY=1\nSTATUS=VRRP: 1 instance");
            // WatchdogSec=1: a ping every 500 ms, so at least three within two seconds.
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                manager.await("WATCHDOG=1", Duration.ofSeconds(2));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(2_500));

            daemon.signal("HUP");
            assertThat(manager.await("RELOADING=1", STEP)).containsPattern("MONOTONIC_USEC=[0-9]+");
            assertThat(manager.await("READY=1", STEP)).isEqualTo("READY=1\nSTATUS=Reloaded");
            assertThat(daemon.isAlive()).isTrue();

            daemon.signal("TERM");
            manager.await("STOPPING=1", STEP);
            assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isZero();
            assertThat(manager.lifecycle()).containsExactly("READY=1", "RELOADING=1", "READY=1", "STOPPING=1");
            assertThat(daemon.output()).contains("Startup complete").doesNotContain("cannot notify");
            // NotifyAccess=main: everything came from the process systemd started.
            assertThat(manager.senders()).containsExactly((int) daemon.pid());
        }
    }

    @Test
    void withNetNamespaceTheMainProcessRelaysTheDaemonsMessages() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs started = NetNs.create("sdnotify-main");
             NetNs inside = NetNs.create("sdnotify-vrrp");
             FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"))) {
            assertThat(inside.exec("ip", "addr", "add", "10.231.8.1/24", "dev", "eth0").ok()).isTrue();
            Path conf = Files.writeString(dir.resolve("keepalived.conf"), "net_namespace " + inside.name() + "\n" + CONFIG);
            // As systemd: WATCHDOG_PID is the main process (the shell execs java in place, so $$ is it).
            List<String> argv = new ArrayList<>(List.of("sh", "-c", "WATCHDOG_PID=$$ exec \"$@\"", "sh"));
            argv.addAll(java());
            argv.addAll(List.of("-n", "-l", "-G", "-P", "-f", conf.toString(),
                    "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString()));
            Set<String> relayDirsBefore = relayDirs();
            try (NamespacedProcess daemon = NamespacedProcess.start(started, argv, Map.of("NOTIFY_SOCKET",
                    manager.path().toString(), "WATCHDOG_USEC", "1000000"), dir.resolve("daemon.log"))) {
                assertThat(manager.await("READY=1", START)).as(daemon.output()).isEqualTo("READY=1\nSTATUS=VRRP: 1 instance");
                manager.await("WATCHDOG=1", Duration.ofSeconds(2));
                daemon.signal("HUP");
                manager.await("RELOADING=1", STEP);
                manager.await("READY=1", STEP);
                daemon.signal("TERM");
                assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isZero();
                manager.await("STOPPING=1", STEP);
                assertThat(manager.lifecycle()).containsExactly("READY=1", "RELOADING=1", "READY=1", "STOPPING=1");
                // NotifyAccess=main holds: the child's messages reached systemd from the main process.
                assertThat(manager.senders()).containsExactly((int) daemon.pid());
                assertThat(relayDirs()).isEqualTo(relayDirsBefore);
            }
        }
    }

    /** The relays' private directories in the temporary directory (ours is gone after the stop). */
    private static Set<String> relayDirs() throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(Path::toString).filter(n -> n.contains("keepalived4j-notify-")).collect(Collectors.toSet());
        }
    }

    @Test
    void aWatchdogMeantForAnotherProcessIsNotFed() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("sdnotify");
             FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"));
             NamespacedProcess daemon = start(ns, manager, Map.of("WATCHDOG_USEC", "200000", "WATCHDOG_PID", "1"))) {
            manager.await("READY=1", START);
            Thread.sleep(1_000);
            daemon.signal("TERM");
            manager.await("STOPPING=1", STEP);
            assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isZero();
            assertThat(manager.messages()).noneMatch(m -> m.startsWith("WATCHDOG"));
        }
    }

    @Test
    void theHealthCheckersAloneTellTheServiceManagerTheSame() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("sdnotify");
             FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"))) {
            Path conf = Files.writeString(dir.resolve("checkers.conf"), """
                    virtual_server 10.231.8.100 80 {
                        lb_algo rr
                        lb_kind DR
                        protocol TCP
                        real_server 10.231.8.2 80 {
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    }
                    """);
            List<String> argv = new ArrayList<>(java());
            argv.addAll(List.of("-n", "-l", "-G", "-C", "--data-plane", "none", "-f", conf.toString(),
                    "-p", dir.resolve("k.pid").toString(), "-c", dir.resolve("c.pid").toString()));
            try (NamespacedProcess daemon = NamespacedProcess.start(ns, argv, Map.of("NOTIFY_SOCKET",
                    manager.path().toString(), "WATCHDOG_USEC", "1000000"), dir.resolve("daemon.log"))) {
                assertThat(manager.await("READY=1", START)).isEqualTo("READY=1\nSTATUS=health checkers: 1 virtual server");
                manager.await("WATCHDOG=1", Duration.ofSeconds(2));
                daemon.signal("HUP");
                manager.await("RELOADING=1", STEP);
                manager.await("READY=1", STEP);
                daemon.signal("TERM");
                manager.await("STOPPING=1", STEP);
                assertThat(daemon.waitFor(Duration.ofSeconds(20))).as(daemon.output()).isZero();
                assertThat(manager.lifecycle()).containsExactly("READY=1", "RELOADING=1", "READY=1", "STOPPING=1");
            }
        }
    }

    private static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.keepalived4j.cli.Main");
    }

    private NamespacedProcess start(NetNs ns, FakeNotifySocket manager, Map<String, String> env) throws Exception {
        assertThat(ns.exec("ip", "addr", "add", "10.231.8.1/24", "dev", "eth0").ok()).isTrue();
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), CONFIG);
        List<String> argv = new ArrayList<>(java());
        argv.addAll(List.of("-n", "-l", "-G", "-P", "-f", conf.toString(),
                "-p", dir.resolve("k.pid").toString(), "-r", dir.resolve("v.pid").toString()));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("NOTIFY_SOCKET", manager.path().toString());
        return NamespacedProcess.start(ns, argv, all, dir.resolve("daemon.log"));
    }
}
