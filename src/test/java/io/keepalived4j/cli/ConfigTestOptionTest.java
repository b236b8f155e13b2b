package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -t} / {@code --config-test[=LOGFILE]}: keepalived's exit codes 0/4/5/6 (features.md section 14). */
class ConfigTestOptionTest {

    @TempDir
    Path dir;

    @Test
    void goodFileExitsZeroQuietly() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);

        CliRun run = CliRun.of("-t", "-f", conf.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.all()).doesNotContainIgnoringCase("error").doesNotContain("Exception");
    }

    @Test
    void missingFileExitsFour() {
        CliRun run = CliRun.of("-t", "-f", dir.resolve("nope.conf").toString());

        assertThat(run.status()).isEqualTo(4);
        assertThat(run.err()).contains("nope.conf").doesNotContain("Exception");
    }

    @Test
    void configTestWithLogFileWritesTheOutputThere() throws IOException {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.WARNING_ONLY);
        Path log = dir.resolve("test.log");

        CliRun run = CliRun.of("-t=" + log, "-f", conf.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(log).exists();
        assertThat(Files.readString(log)).contains("bfd_instance", "warning");
        assertThat(run.err()).doesNotContain("bfd_instance");
    }

    @Test
    void longConfigTestWithLogFileWritesTheOutputThere() throws IOException {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.WARNING_ONLY);
        Path log = dir.resolve("long.log");

        CliRun run = CliRun.of("--config-test=" + log, "--use-file", conf.toString());

        assertThat(run.status()).isZero();
        assertThat(Files.readString(log)).contains("bfd_instance");
    }

    @Test
    void configIdSelectsTheMatchingAtLines() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD
                + "@lb1 first_only_keyword\n@lb2 second_only_keyword\n@^lb1 not_first_keyword\n");

        CliRun lb1 = CliRun.of("-t", "-i", "lb1", "-f", conf.toString());
        CliRun lb2 = CliRun.of("-t", "--config-id", "lb2", "-f", conf.toString());

        assertThat(lb1.err()).contains("first_only_keyword").doesNotContain("second_only_keyword", "not_first_keyword");
        assertThat(lb2.err()).contains("second_only_keyword", "not_first_keyword").doesNotContain("first_only_keyword");
    }

    @Test
    void strictTurnsAWarningOnlyFileFromZeroIntoFive() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.WARNING_ONLY);

        CliRun plain = CliRun.of("-t", "-f", conf.toString());
        CliRun strict = CliRun.of("-t", "--strict", "-f", conf.toString());

        assertThat(plain.status()).as(plain.all()).isZero();
        assertThat(plain.err()).contains("warning");
        assertThat(strict.status()).isEqualTo(5);
        assertThat(strict.err()).contains("--strict");
    }

    @Test
    void strictLeavesANoteOnlyFileAtZero() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.NOTE_ONLY);

        CliRun strict = CliRun.of("-t", "--strict", "-f", conf.toString());

        assertThat(strict.status()).as(strict.all()).isZero();
        assertThat(strict.err()).contains("note");
    }
}
