package io.keepalived4j.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VersionAndHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"-v", "--version"})
    void versionFlagPrintsTheVersionAndExitsZero(String flag) {
        CliRun run = CliRun.of(flag);

        assertThat(run.status()).isZero();
        assertThat(run.out()).containsPattern("keepalived4j \\d+\\.\\d+\\.\\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help"})
    void helpListsEveryFlagInBothForms(String flag) {
        CliRun run = CliRun.of(flag);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage:",
                "-f, --use-file", "-P, --vrrp", "-C, --check", "-l, --log-console", "-D, --log-detail",
                "-S, --log-facility", "-G, --no-syslog", "-n, --dont-fork", "-d, --dump-conf",
                "-p, --pid", "-r, --vrrp_pid", "-c, --checkers_pid", "-t, --config-test", "-i, --config-id",
                "--strict", "-v, --version", "-h, --help", "check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help"})
    void checkHasItsOwnHelp(String flag) {
        CliRun run = CliRun.of("check", flag);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: keepalived4j check", "--json", "--host", "--strict", "-i, --config-id");
    }
}
