package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -C} asks for the health checkers only. A configuration without virtual servers has none:
 * starting VRRP instead would take VIPs the operator did not ask for, so it says so as keepalived
 * does ("no configuration to run") and starts nothing: no privilege, pid file or socket touched.
 */
class CheckerOnlyFlagTest {

    @TempDir
    Path dir;

    @Test
    void checkersOnlyWithoutVirtualServersStartsNothing() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);
        Path pid = dir.resolve("k.pid");
        Path vrrpPid = dir.resolve("v.pid");
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        CliRun run;
        try {
            // -l logs to the process's stderr (the daemon's console), not to picocli's writer.
            System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
            run = CliRun.of("-C", "-n", "-l", "-f", conf.toString(), "-p", pid.toString(), "-r", vrrpPid.toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(run.status()).isEqualTo(0);
        assertThat(console.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Warning - keepalived has no configuration to run")
                .doesNotContain("VRRP_Instance");
        assertThat(pid).doesNotExist();
        assertThat(vrrpPid).doesNotExist();
    }
}
