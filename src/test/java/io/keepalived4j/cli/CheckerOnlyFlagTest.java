package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -C} asks for the health checkers only. This release has none, and starting VRRP instead
 * would take VIPs the operator did not ask for: it says so and exits 1, before any privilege,
 * pid file or socket is touched.
 */
class CheckerOnlyFlagTest {

    @TempDir
    Path dir;

    @Test
    void checkersOnlySaysThereAreNoneAndStartsNothing() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);
        Path pid = dir.resolve("k.pid");
        CliRun run = CliRun.of("-C", "-n", "-G", "-f", conf.toString(), "-p", pid.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("-C/--check asks for the health-checker subsystem only", "nothing started");
        assertThat(pid).doesNotExist();
    }
}
