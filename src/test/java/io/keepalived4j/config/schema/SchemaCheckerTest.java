package io.keepalived4j.config.schema;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the keyword tables make of a tree: unknown keywords, shapes, deprecations, unsupported blocks. */
class SchemaCheckerTest {

    private static List<Diagnostic> check(String text) {
        return ConfigLoader.loadText("t.conf", text, new LoadOptions("test", Limits.DEFAULT, 0)).diagnostics().all();
    }

    private static Diagnostic only(List<Diagnostic> all, String code) {
        List<Diagnostic> hits = all.stream().filter(d -> d.code().equals(code)).toList();
        assertThat(hits).as(code + " in " + all).hasSize(1);
        return hits.getFirst();
    }

    @Test
    void unknownKeywordIsKeepalivedsWarningWithItsPositionAndASuggestion() {
        Diagnostic d = only(check("vrrp_instance VI_1 {\n    prority 100\n}\n"), "unknown-keyword");
        assertThat(d.message()).isEqualTo("Unknown keyword 'prority' in vrrp_instance");
        assertThat(d.status()).isEqualTo(KaStatus.UNKNOWN_KEYWORD);
        assertThat(d.position().line()).isEqualTo(2);
        assertThat(d.position().column()).isEqualTo(5);
        assertThat(d.suggestion()).contains("did you mean 'priority'");
    }

    @Test
    void keywordOfAnotherBlockSaysWhereItBelongs() {
        Diagnostic d = only(check("global_defs {\n  priority 100\n}\n"), "unknown-keyword");
        assertThat(d.suggestion()).contains("'priority' belongs in vrrp_instance");
    }

    @Test
    void topLevelKeywordInsideABlockHintsAtAMissingBrace() {
        List<Diagnostic> all = check("vrrp_instance VI_1 {\n  priority 100\nvrrp_script chk {\n  script \"/bin/true\"\n}\n");
        Diagnostic d = all.stream().filter(x -> x.code().equals("unknown-keyword")).findFirst().orElseThrow();
        assertThat(d.suggestion()).contains("is a '}' missing above this line?");
    }

    @Test
    void blockKeywordWithoutBraceIsMissingBob() {
        Diagnostic d = only(check("global_defs\n  router_id r1\n"), "missing-open-brace");
        assertThat(d.status()).isEqualTo(KaStatus.MISSING_BOB);
        assertThat(d.message()).contains("Missing '{' at beginning of configuration block");
    }

    @Test
    void deprecatedAliasNamesTheNewKeywordWithoutChangingTheExitCode() {
        Diagnostic d = only(check("vrrp_track_file tf {\n  file \"/tmp/x\"\n}\n"), "deprecated");
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
        assertThat(d.status()).isEqualTo(KaStatus.NONE);
        assertThat(d.message()).contains("'vrrp_track_file' is deprecated; use 'track_file'");
    }

    @Test
    void unsupportedKeywordsAreReportedOnceEach() {
        List<Diagnostic> all = check("global_defs {\n  enable_snmp_vrrp\n  enable_snmp_vrrp\n  enable_dbus\n}\n");
        assertThat(all.stream().filter(d -> d.code().equals("unsupported")).map(Diagnostic::message))
                .hasSize(2).allMatch(m -> m.contains("not supported"));
        assertThat(all).allMatch(d -> d.status() == KaStatus.NONE);
    }

    @Test
    void keywordsOnlyKeepalived24KnowsAreFlagged() {
        Diagnostic d = only(check("vrrp_instance VI_1 {\n  auth_hmac {\n    key 1 abc\n  }\n}\n"), "since-2.4");
        assertThat(d.message()).contains("keepalived 2.4");
    }

    @Test
    void gluedKeywordIsNamed() {
        Diagnostic d = only(check("global_defs {\n  --12行--修改,名称LVS_02router_id LVS_01\n}\n"), "glued-keyword");
        assertThat(d.message()).contains("'router_id'");
        assertThat(d.severity()).isEqualTo(Severity.NOTE);
    }

    @Test
    void slashSlashIsNotAComment() {
        List<Diagnostic> all = check("vrrp_instance VI_1 {\n  state BACKUP // the backup\n}\n");
        assertThat(only(all, "slash-comment").suggestion()).contains("'#'");
    }

    @Test
    void everyKeywordTableIsReachable() {
        Keywords k = Keywords.get();
        for (BlockSpec spec : k.specs().values()) {
            for (KeywordSpec kw : spec.keywords().values()) {
                if (kw.shape() == Shape.BLOCK) {
                    assertThat(k.specs()).as(spec.name() + "." + kw.name()).containsKey(kw.child());
                }
            }
        }
        assertThat(k.allKeywords()).contains("virtual_router_id", "lvs_sched", "router_id", "HTTP_GET", "misc_path");
    }
}
