package io.keepalived4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.NetNs;
import io.keepalived4j.testsupport.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keepalived4j realserver} in a network namespace, as a real process: up puts the VIP on
 * lo and sets the ARP knobs, up again changes nothing, down restores what up found (a non-default
 * value included), down again is a no-op; the host's own knobs are never touched.
 */
class RealServerCommandTest {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String VIP = "10.231.9.100";
    private static final List<String> KNOBS = List.of("net.ipv4.conf.all.arp_ignore", "net.ipv4.conf.all.arp_announce",
            "net.ipv4.conf.lo.arp_ignore", "net.ipv4.conf.lo.arp_announce");

    @TempDir
    Path dir;

    @Test
    void upIsIdempotentAndDownRestoresTheNamespaceAsItWas() throws Exception {
        Root.assumeRootOrFailOnCi();
        String hostIgnore = Files.readString(Path.of("/proc/sys/net/ipv4/conf/all/arp_ignore"));
        Path state = dir.resolve("realserver.state");
        try (NetNs ns = NetNs.create("realserver")) {
            // Not the default, so that restoring is seen to restore rather than reset.
            assertThat(ns.exec("sysctl", "-q", "-w", "net.ipv4.conf.lo.arp_announce=1").ok()).isTrue();
            Map<String, String> before = sysctls(ns);
            String loBefore = loAddresses(ns);

            ExecResult up = realserver(ns, state, "up");
            assertThat(up.exitCode()).as(up.stderr()).isZero();
            assertThat(up.stdout()).contains("lo: added " + VIP + "/32", "net.ipv4.conf.all.arp_ignore: 0 -> 1");
            assertThat(loAddresses(ns)).contains("inet " + VIP + "/32");
            assertThat(sysctls(ns)).isEqualTo(Map.of(
                    KNOBS.get(0), "1", KNOBS.get(1), "2", KNOBS.get(2), "1", KNOBS.get(3), "2"));
            assertThat(state).exists();
            String afterUp = loAddresses(ns);
            String stateAfterUp = Files.readString(state);

            ExecResult again = realserver(ns, state, "up");
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stdout()).isEqualTo("already up\n");
            assertThat(loAddresses(ns)).isEqualTo(afterUp);
            assertThat(Files.readString(state)).isEqualTo(stateAfterUp);

            ExecResult down = realserver(ns, state, "down");
            assertThat(down.exitCode()).as(down.stderr()).isZero();
            assertThat(down.stdout()).contains("lo: removed " + VIP, "net.ipv4.conf.lo.arp_announce: 2 -> 1 (restored)");
            assertThat(loAddresses(ns)).isEqualTo(loBefore);
            assertThat(sysctls(ns)).isEqualTo(before);
            assertThat(state).doesNotExist();

            ExecResult downAgain = realserver(ns, state, "down");
            assertThat(downAgain.exitCode()).as(downAgain.stderr()).isZero();
            assertThat(downAgain.stdout()).isEqualTo("already down\n");
        }
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/conf/all/arp_ignore"))).isEqualTo(hostIgnore);
    }

    @Test
    void aNameInsteadOfAnAddressIsAUsageError() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (NetNs ns = NetNs.create("realserver")) {
            ExecResult r = ns.exec(java("realserver", "--vip", "example.com", "up", "--state",
                    dir.resolve("s").toString()), RUN);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr()).contains("not an IP address: example.com");
            assertThat(loAddresses(ns)).doesNotContain("example");
        }
    }

    private static ExecResult realserver(NetNs ns, Path state, String action) {
        return ns.exec(java("realserver", "--vip", VIP, action, "--state", state.toString()), RUN);
    }

    private static List<String> java(String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.keepalived4j.cli.Main"));
        argv.addAll(List.of(args));
        return argv;
    }

    private static Map<String, String> sysctls(NetNs ns) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : KNOBS) {
            ExecResult r = ns.exec("sysctl", "-n", k);
            assertThat(r.ok()).as(r.stderr()).isTrue();
            m.put(k, r.stdout().strip());
        }
        return m;
    }

    private static String loAddresses(NetNs ns) {
        ExecResult r = ns.exec("ip", "-o", "addr", "show", "dev", "lo");
        assertThat(r.ok()).as(r.stderr()).isTrue();
        return r.stdout();
    }
}
