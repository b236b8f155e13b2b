package io.keepalived4j.cli;

import io.keepalived4j.testsupport.JsonSyntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -d} dumps the resolved configuration as JSON (keepalived dumps text to its log). */
class DumpConfTest {

    @TempDir
    Path dir;

    @Test
    void dumpConfPrintsJsonThatParses() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);

        CliRun run = CliRun.of("-d", "-f", conf.toString());

        assertThat(run.status()).as(run.all()).isZero();
        Map<String, Object> model = JsonSyntax.object(JsonSyntax.parse(run.out()));
        assertThat(model).containsKeys("global", "vrrp", "lvs");
    }

    @Test
    void dumpConfWithConfigTestPrintsTheSameJson() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD);

        CliRun dump = CliRun.of("-d", "-f", conf.toString());
        CliRun both = CliRun.of("-t", "--dump-conf", "-f", conf.toString());

        assertThat(both.status()).isZero();
        assertThat(JsonSyntax.parse(both.out())).isEqualTo(JsonSyntax.parse(dump.out()));
    }
}
