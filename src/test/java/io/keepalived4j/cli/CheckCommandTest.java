package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keepalived4j check A.conf B.conf}: per-file diagnostics, then cross-node findings. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private static int lineOf(String text, String startsWith) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(startsWith)) {
                return i + 1;
            }
        }
        throw new AssertionError(startsWith);
    }

    @Test
    void twoConsistentFilesExitZero() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);
        Path b = Configs.write(dir, "lb2.conf", Configs.GOOD_BACKUP);

        CliRun run = CliRun.of("check", a.toString(), b.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains(a + ": ok", b + ": ok", "cross-node: 2 files consistent");
    }

    @Test
    void mismatchedFilesReportEveryMismatchWithBothPositions() {
        String backup = Configs.GOOD_BACKUP.replace("advert_int 1", "advert_int 2")
                .replace("auth_pass secret1", "auth_pass secret2")
                .replace("192.0.2.100/32", "192.0.2.101/32");
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);
        Path b = Configs.write(dir, "lb2.conf", backup);

        CliRun run = CliRun.of("check", a.toString(), b.toString());

        assertThat(run.status()).as(run.all()).isEqualTo(5);
        assertThat(run.out()).contains(
                "[advert-int-mismatch]", a + ":" + lineOf(Configs.GOOD, "advert_int"), b + ":" + lineOf(backup, "advert_int"),
                "[auth-pass-mismatch]", a + ":" + lineOf(Configs.GOOD, "auth_pass"), b + ":" + lineOf(backup, "auth_pass"),
                "[vip-mismatch]", a + ":" + lineOf(Configs.GOOD, "virtual_ipaddress"), b + ":" + lineOf(backup, "virtual_ipaddress"),
                "cross-node: 3 error(s)");
        assertThat(run.out()).doesNotContain("secret1", "secret2");
    }

    @Test
    void equalPrioritiesWarnButOnlyFailWithStrict() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD.replace("state MASTER", "state BACKUP"));
        Path b = Configs.write(dir, "lb2.conf", Configs.GOOD_BACKUP.replace("priority 100", "priority 150"));

        CliRun plain = CliRun.of("check", a.toString(), b.toString());
        CliRun strict = CliRun.of("check", "--strict", a.toString(), b.toString());

        assertThat(plain.status()).as(plain.all()).isZero();
        assertThat(plain.out()).contains("warning:", "[equal-priority]");
        assertThat(strict.status()).isEqualTo(5);
    }

    @Test
    void aVridInOneFileOnlyIsANoteThatNeverFails() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);
        Path b = Configs.write(dir, "lb2.conf", Configs.GOOD_BACKUP.replace("virtual_router_id 51", "virtual_router_id 52"));

        CliRun run = CliRun.of("check", "--strict", a.toString(), b.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains("note:", "[vrid-single-file]");
    }

    @Test
    void perFileDiagnosticsArePrintedAndSetTheStatus() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);
        Path b = Configs.write(dir, "lb2.conf", Configs.GOOD_BACKUP + "no_such_keyword_here\n");

        CliRun run = CliRun.of("check", a.toString(), b.toString());

        assertThat(run.status()).isEqualTo(5);
        assertThat(run.out()).contains(b + ":", "no_such_keyword_here", a + ": ok");
    }

    @Test
    void statusIsTheHighestPerFileStatus() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD + "no_such_keyword_here\n");

        CliRun run = CliRun.of("check", a.toString(), dir.resolve("missing.conf").toString());

        assertThat(run.status()).as(run.all()).isEqualTo(5);
        assertThat(run.out()).contains("missing.conf");
    }

    @Test
    void aMissingFileAloneExitsFour() {
        CliRun run = CliRun.of("check", dir.resolve("missing.conf").toString());

        assertThat(run.status()).isEqualTo(4);
    }

    @Test
    void configIdAppliesToEveryFile() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD + "@other bogus_for_other\n");

        CliRun selected = CliRun.of("check", "-i", "other", a.toString());
        CliRun skipped = CliRun.of("check", "--config-id", "lb1", a.toString());

        assertThat(selected.out()).contains("bogus_for_other");
        assertThat(skipped.out()).doesNotContain("bogus_for_other");
        assertThat(skipped.status()).isZero();
    }

    @Test
    void hostOptionAcceptsAFileValidOnThisHost() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);

        CliRun run = CliRun.of("check", "--host", a.toString());

        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains(a + ": ok");
    }
}
