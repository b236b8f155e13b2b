package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad usage: picocli's message and exit 2; unexpected failures: one line, no stack trace. */
class UsageErrorsTest {

    @TempDir
    Path dir;

    @Test
    void unknownOptionExitsTwoWithPicocliMessage() {
        CliRun run = CliRun.of("--no-such-flag");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'");
        assertThat(run.all()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownOptionWithoutNearMatchAlsoPrintsTheUsage() {
        CliRun run = CliRun.of("--zzzzzz");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--zzzzzz'", "Usage:");
    }

    @Test
    void missingOptionValueExitsTwo() {
        CliRun run = CliRun.of("-t", "-f");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter for option '--use-file'");
    }

    @Test
    void badNumberExitsTwo() {
        CliRun run = CliRun.of("-S", "local9");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--log-facility").doesNotContain("\tat ");
    }

    @Test
    void checkWithoutFilesExitsTwo() {
        CliRun run = CliRun.of("check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter", "FILE");
    }

    @Test
    void unknownCheckOptionExitsTwo() {
        CliRun run = CliRun.of("check", "--bogus", "a.conf");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void failureToWriteTheLogFileIsOneLineNotAStackTrace() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);
        Path log = dir.resolve("no-such-dir").resolve("test.log");

        CliRun run = CliRun.of("-t=" + log, "-f", conf.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n", "\tat ")
                .startsWith("keepalived4j: ").contains("no-such-dir");
    }
}
