package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.schema.Keywords;
import org.junit.jupiter.api.Test;

import static io.keepalived4j.config.LvsFixtures.exit;
import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.messages;
import static io.keepalived4j.config.LvsFixtures.server;
import static io.keepalived4j.config.LvsFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** The LVS keyword tables against keepalived 2.2.7, which knows exactly these keywords. */
class LvsKeywordsTest {


    @Test
    void everyKeywordKeepalivedKnowsPassesTheSchemaAndTheBuilder() {
        LoadResult r = load(LvsKeywordsTestText.TEXT);
        assertThat(withCode(r, "unknown-keyword")).isEmpty();
        assertThat(r.diagnostics().all()).noneMatch(d -> d.status() != KaStatus.NONE);
        assertThat(exit(r)).isZero();
    }

    @Test
    void nbGetRetryIsDeprecatedWithAnErrorStatusLikeKeepalived() {
        // keepalived 2.2.7: "nb_get_retry is deprecated - please use 'retry'" via report_config_error: exit 5.
        LoadResult r = load(server("    HTTP_GET {\n      nb_get_retry 3\n      url {\n        path /\n      }\n    }"));
        assertThat(withCode(r, "deprecated")).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(KaStatus.GENERAL_ERROR));
        assertThat(exit(r)).isEqualTo(5);
        assertThat(((io.keepalived4j.config.model.lvs.HttpCheck) LvsFixtures.onlyChecker(
                server("    HTTP_GET {\n      nb_get_retry 3\n      url {\n        path /\n      }\n    }"))).timing().retry())
                .isEqualTo(3);
    }

    @Test
    void lbAlgoAndLbKindAreAcceptedSilently() {
        LoadResult r = load(server("").replace("lvs_sched rr", "lb_algo rr").replace("lvs_method NAT", "lb_kind NAT"));
        assertThat(withCode(r, "deprecated")).hasSize(2).allMatch(d -> d.status() == KaStatus.NONE);
        assertThat(exit(r)).isZero();
    }

    @Test
    void tlsCompliantAndSniNameAreKeepalived24Only() {
        LoadResult r = load(server("    SSL_GET {\n      tls_compliant\n      sni_name foo\n      url {\n        path /\n      }\n    }"));
        assertThat(withCode(r, "since-2.4")).hasSize(2).allMatch(d -> d.status() == KaStatus.UNKNOWN_KEYWORD);
        assertThat(exit(r)).isEqualTo(5);
    }

    @Test
    void fileCheckDynamicFromTheManPageIsUnknown() {
        LoadResult r = load("track_file t {\n  file /tmp/t\n}\n" + server("    FILE_CHECK {\n      track_file t\n      dynamic\n    }"));
        assertThat(messages(r)).anyMatch(m -> m.startsWith("Unknown keyword 'dynamic'"));
    }

    @Test
    void checkerBlocksHaveTables() {
        for (String checker : io.keepalived4j.config.build.CheckerPlugins.keywords()) {
            assertThat(Keywords.get().specs()).containsKey(checker);
            assertThat(Keywords.get().spec("real_server").get(checker)).as(checker).isNotNull();
        }
        assertThat(Keywords.get().spec("url").keywords()).containsKey("status_code");
    }
}
