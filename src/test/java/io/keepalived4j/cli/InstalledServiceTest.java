package io.keepalived4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.FakeNotifySocket;
import io.keepalived4j.testsupport.NamespacedProcess;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/install.sh into a temporary prefix (nothing under /usr or /etc), then the service run
 * from that install as systemd would run its unit, without systemd (not PID 1 here): the unit is
 * verified by {@code systemd-analyze verify} where it exists, its ExecStart runs in a namespace
 * with a fake NOTIFY_SOCKET and the unit's WatchdogSec, the daemon says READY and holds the VIP,
 * feeds the watchdog, ExecReload (SIGHUP) gives RELOADING then READY, and systemd's stop
 * (SIGTERM) gives STOPPING, exit 0 and the VIP gone, all within the unit's time limits; once on
 * the host's JDK, once on the install's own jlink runtime (RUNTIME=jlink).
 *
 * <p>The jar installed is not the shaded target/keepalived4j.jar (that needs {@code mvn package},
 * which runs after the tests): it is a jar with the same Main-Class whose manifest Class-Path
 * points at the compiled classes and their dependencies, so the same code runs.
 */
class InstalledServiceTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final String VIP = "10.231.6.100";

    @TempDir
    Path dir;

    /** @param runtime install.sh's RUNTIME: the host's JDK 25, or a private jlink image */
    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jlink"})
    void theInstalledServiceStartsReloadsAndStopsAsItsUnitSays(String runtime) throws Exception {
        Root.assumeRootOrFailOnCi();
        Path prefix = dir.resolve("prefix");
        Path units = dir.resolve("units");
        ExecResult install = Exec.run(List.of("env", "PREFIX=" + prefix, "UNIT_DIR=" + units, "JAR=" + thinJar(),
                "RUNTIME=" + runtime, REPO.resolve("packaging/install.sh").toString()), Duration.ofSeconds(120));
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        Path wrapper = prefix.resolve("sbin/keepalived4j");
        assertThat(Files.readString(wrapper)).doesNotContain(REPO.toString());
        Path unitFile = units.resolve("keepalived4j.service");
        verifyWithSystemd(unitFile);
        Map<String, String> unit = serviceSection(Files.readString(unitFile));
        assertThat(unit).containsEntry("Type", "notify").containsEntry("NotifyAccess", "main")
                .containsEntry("ExecReload", "/bin/kill -HUP $MAINPID").containsEntry("Restart", "on-failure")
                .containsKey("WatchdogSec");
        Duration watchdog = Duration.ofSeconds(Long.parseLong(unit.get("WatchdogSec")));
        Duration startLimit = Duration.ofSeconds(Long.parseLong(unit.get("TimeoutStartSec")));
        Duration stopLimit = Duration.ofSeconds(Long.parseLong(unit.get("TimeoutStopSec")));

        try (NetNs ns = NetNs.create("installed");
             FakeNotifySocket manager = FakeNotifySocket.bind(dir.resolve("notify"))) {
            assertThat(ns.exec("ip", "addr", "add", "10.231.6.1/24", "dev", "eth0").ok()).isTrue();
            Path conf = Files.writeString(dir.resolve("keepalived.conf"), config());
            ExecResult test = ns.exec(List.of(wrapper.toString(), "-t", "-f", conf.toString()), Duration.ofSeconds(60));
            assertThat(test.exitCode()).as(test.stdout() + test.stderr()).isZero();

            // ExecStart as systemd expands it: the unit's EnvironmentFile variable carries our
            // pid files and console logging; only the configuration path is the test's own.
            List<String> start = expand(unit.get("ExecStart"), Map.of("KEEPALIVED4J_OPTIONS",
                    "-l -G -p " + dir.resolve("k.pid") + " -r " + dir.resolve("v.pid")));
            assertThat(start).startsWith(wrapper.toString()).contains("/etc/keepalived/keepalived.conf");
            start.replaceAll(a -> a.equals("/etc/keepalived/keepalived.conf") ? conf.toString() : a);
            // The JVM prints its properties first, to show which Java runs the daemon.
            Map<String, String> env = Map.of("NOTIFY_SOCKET", manager.path().toString(),
                    "WATCHDOG_USEC", Long.toString(watchdog.toNanos() / 1_000),
                    "KEEPALIVED4J_JAVA_OPTS", "-XshowSettings:properties");
            try (NamespacedProcess daemon = NamespacedProcess.start(ns, start, env, dir.resolve("daemon.log"))) {
                assertThat(manager.await("READY=1", startLimit)).contains("STATUS=VRRP: 1 instance");
                awaitVip(ns, true, daemon);
                Path privateRuntime = prefix.resolve("lib/keepalived4j/runtime");
                if (runtime.equals("jlink")) {
                    assertThat(daemon.output()).contains("java.home = " + privateRuntime);
                } else {
                    assertThat(privateRuntime).doesNotExist();
                    assertThat(daemon.output()).contains("java.home = /").doesNotContain(privateRuntime.toString());
                }
                manager.await("WATCHDOG=1", watchdog);

                List<String> reload = expand(unit.get("ExecReload"), Map.of("MAINPID", Long.toString(daemon.pid())));
                assertThat(Exec.run(reload, Duration.ofSeconds(10)).ok()).isTrue();
                manager.await("RELOADING=1", Duration.ofSeconds(10));
                manager.await("READY=1", Duration.ofSeconds(10));

                daemon.signal("TERM");
                manager.await("STOPPING=1", stopLimit);
                assertThat(daemon.waitFor(stopLimit)).as(daemon.output()).isZero();
                awaitVip(ns, false, daemon);
                assertThat(manager.lifecycle()).containsExactly("READY=1", "RELOADING=1", "READY=1", "STOPPING=1");
                // NotifyAccess=main: the wrapper execs the JVM, so the messages come from the main pid.
                assertThat(manager.senders()).containsExactly((int) daemon.pid());
            }
        }
    }

    @Test
    void aStagedInstallUnderDestdirPointsAtTheFinalPaths() throws Exception {
        Root.assumeRootOrFailOnCi();
        Path stage = dir.resolve("stage");
        // A packager's staging: the standard paths, all under DESTDIR (nothing written to /usr or /etc).
        ExecResult install = Exec.run(List.of("env", "DESTDIR=" + stage, "PREFIX=/usr/local",
                "UNIT_DIR=/etc/systemd/system", "JAR=" + thinJar(), REPO.resolve("packaging/install.sh").toString()),
                Duration.ofSeconds(60));
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        assertThat(stage.resolve("usr/local/lib/keepalived4j/keepalived4j.jar")).exists();
        assertThat(Files.readString(stage.resolve("usr/local/sbin/keepalived4j")))
                .contains("lib=/usr/local/lib/keepalived4j").doesNotContain(stage.toString());
        Map<String, String> unit = serviceSection(Files.readString(stage.resolve("etc/systemd/system/keepalived4j.service")));
        assertThat(unit.get("ExecStart")).startsWith("/usr/local/sbin/keepalived4j -n -f /etc/keepalived/keepalived.conf");
    }

    /** systemd's own check of the unit, where systemd-analyze is installed; nothing about our unit may be reported. */
    private static void verifyWithSystemd(Path unitFile) {
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            return;
        }
        ExecResult r = Exec.run(List.of("systemd-analyze", "verify", unitFile.toString()), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain("keepalived4j.service");
    }

    /** The [Service] section's Key=Value lines (our unit has no continuation lines). */
    private static Map<String, String> serviceSection(String unit) {
        Map<String, String> out = new LinkedHashMap<>();
        String section = "";
        for (String line : unit.lines().map(String::strip).toList()) {
            if (line.startsWith("[")) {
                section = line;
            } else if (section.equals("[Service]") && !line.isEmpty() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    /** systemd's expansion of a command line: a lone $VAR becomes its words, none when unset. */
    private static List<String> expand(String commandLine, Map<String, String> env) {
        List<String> argv = new ArrayList<>();
        for (String word : commandLine.split("\\s+")) {
            if (word.startsWith("$")) {
                String value = env.getOrDefault(word.substring(1), "");
                argv.addAll(Arrays.stream(value.split("\\s+")).filter(w -> !w.isEmpty()).toList());
            } else {
                argv.add(word);
            }
        }
        return argv;
    }

    private static void awaitVip(NetNs ns, boolean present, NamespacedProcess daemon) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            boolean has = ns.exec("ip", "-o", "addr", "show", "dev", "eth0").stdout().contains("inet " + VIP + "/");
            if (has == present) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("VIP " + VIP + (present ? " never appeared" : " still present") + "; daemon output:\n"
                + daemon.output());
    }

    /** A jar with keepalived4j's Main-Class whose Class-Path is the compiled classes and their dependencies. */
    private Path thinJar() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (!p.toString().contains("test-classes") && Files.exists(p)) {
                entries.add(p.toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.keepalived4j.cli.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
        Path jar = Files.createDirectories(dir.resolve("build")).resolve("keepalived4j.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            // The manifest is the whole jar.
        }
        return jar;
    }

    private static String config() {
        return """
                global_defs {
                    router_id k4jinstalled
                    vrrp_garp_master_delay 0
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 52
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        %s/24
                    }
                }
                """.formatted(VIP);
    }
}
