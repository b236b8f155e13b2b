package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packaging/jvm-profile.sh: the launcher adds the proxy's JVM options (C2, a larger heap) exactly
 * when the daemon will run the userspace proxy, and keeps VRRP-only daemons and subcommands on
 * the lean base options.
 */
class LauncherJvmProfileTest {

    @TempDir
    Path dir;

    private List<String> options(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                ". packaging/jvm-profile.sh; k4j_jvm_options packaging \"$@\"; printf '%s\\n' \"${k4j_opts[@]}\"", "x"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void theProxyProfileIsAddedOnlyForADaemonThatRunsTheProxy() throws Exception {
        Path lb = Files.writeString(dir.resolve("lb.conf"), "vrrp_instance VI_1 {\n}\nvirtual_server 10.0.0.1 80 {\n}\n");
        Path vrrp = Files.writeString(dir.resolve("vrrp.conf"), "vrrp_instance VI_1 {\n}\n! virtual_server in a comment\n");
        List<String> base = options("-f", vrrp.toString());
        assertThat(base).contains("-XX:TieredStopAtLevel=1", "-Xmx64m").doesNotContain("-Xmx256m");
        assertThat(options("-f", lb.toString())).endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(options("--use-file=" + lb, "-n")).endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(options("-f" + lb)).endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(options("-f", lb.toString(), "-P")).isEqualTo(base);
        assertThat(options("-f", lb.toString(), "--data-plane", "none")).isEqualTo(base);
        assertThat(options("-f", lb.toString(), "--data-plane=ipvs")).isEqualTo(base);
        assertThat(options("-t", "-f", lb.toString())).isEqualTo(base);
        assertThat(options("demo")).isEqualTo(base);
        assertThat(options("lvs", "--stats")).isEqualTo(base);
    }
}
