package io.keepalived4j.cli;

import io.keepalived4j.testsupport.JsonSyntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --json}: one JSON document {files:[...], crossNode:[...]}. */
class CheckJsonTest {

    @TempDir
    Path dir;

    @Test
    void jsonHasOneEntryPerFileAndTheCrossNodeFindings() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);
        Path b = Configs.write(dir, "lb2.conf", Configs.GOOD_BACKUP.replace("advert_int 1", "advert_int 3")
                + "no_such_keyword_here\n");

        CliRun run = CliRun.of("check", "--json", a.toString(), b.toString());

        assertThat(run.status()).isEqualTo(5);
        Map<String, Object> doc = JsonSyntax.object(JsonSyntax.parse(run.out()));
        assertThat(doc).containsKeys("files", "crossNode");

        List<Object> files = JsonSyntax.array(doc.get("files"));
        assertThat(files).hasSize(2);
        Map<String, Object> first = JsonSyntax.object(files.get(0));
        Map<String, Object> second = JsonSyntax.object(files.get(1));
        assertThat(first).containsEntry("file", a.toString()).containsEntry("exitCode", 0.0).containsKeys("diagnostics", "model");
        assertThat(JsonSyntax.object(first.get("model"))).containsKeys("global", "vrrp", "lvs");
        assertThat(second).containsEntry("exitCode", 5.0);
        assertThat(JsonSyntax.array(second.get("diagnostics"))).anySatisfy(d ->
                assertThat(JsonSyntax.object(d)).containsEntry("code", "unknown-keyword").containsKey("position"));

        List<Object> crossNode = JsonSyntax.array(doc.get("crossNode"));
        assertThat(crossNode).anySatisfy(f -> {
            Map<String, Object> finding = JsonSyntax.object(f);
            assertThat(finding).containsEntry("severity", "ERROR").containsEntry("code", "advert-int-mismatch");
            assertThat(JsonSyntax.array(finding.get("positions"))).extracting(p -> JsonSyntax.object(p).get("file"))
                    .containsExactly(a.toString(), b.toString());
        });
    }

    @Test
    void jsonPrintsNothingButTheDocument() {
        Path a = Configs.write(dir, "lb1.conf", Configs.GOOD);
        Path b = Configs.write(dir, "lb2.conf", Configs.GOOD_BACKUP);

        CliRun run = CliRun.of("check", "--json", a.toString(), b.toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        Map<String, Object> doc = JsonSyntax.object(JsonSyntax.parse(run.out()));
        assertThat(JsonSyntax.array(doc.get("crossNode"))).isEmpty();
    }
}
