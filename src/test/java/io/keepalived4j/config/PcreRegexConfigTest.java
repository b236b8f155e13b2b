package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.model.lvs.HttpCheck;
import org.junit.jupiter.api.Test;

import static io.keepalived4j.config.LvsFixtures.exit;
import static io.keepalived4j.config.LvsFixtures.load;
import static io.keepalived4j.config.LvsFixtures.onlyChecker;
import static io.keepalived4j.config.LvsFixtures.server;
import static io.keepalived4j.config.LvsFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

/** A url's regex that java.util.regex would read differently from PCRE2 is an error at its line. */
class PcreRegexConfigTest {

    private static String url(String regexLines) {
        return server("    HTTP_GET {\n      url {\n        path /\n" + regexLines + "\n      }\n    }");
    }

    @Test
    void refusedConstructIsAnErrorAtTheRegexLineThatLeavesKeepalivedsExitStatus() {
        LoadResult r = load(url("        regex \"^[[:digit:]]+ items\""));
        assertThat(withCode(r, "http-regex-unsupported")).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.ERROR);
            assertThat(d.status()).as("keepalived 2.2.7 accepts it").isEqualTo(KaStatus.NONE);
            assertThat(d.position().file()).isEqualTo("test.conf");
            assertThat(d.position().line()).isEqualTo(9);
            assertThat(d.message()).startsWith("regex \"^[[:digit:]]+ items\": POSIX class").endsWith("at offset 2");
            assertThat(d.suggestion()).contains("docs/pcre-vs-java.md");
        });
        assertThat(exit(r)).isZero();
    }

    @Test
    void refusedOptionIsReportedAtTheRegexLine() {
        LoadResult r = load(url("        regex \"ok\"\n        regex_options caseless ungreedy"));
        assertThat(withCode(r, "http-regex-unsupported")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("regex_options ungreedy has no Java equivalent"));
    }

    private static String regexOf(String line) {
        HttpCheck h = (HttpCheck) onlyChecker(url("        " + line));
        return h.urls().getFirst().regex().orElseThrow();
    }

    @Test
    void regexLineIsReadWithKeepalivedsCEscapes() {
        // alloc_strvec_quoted_escaped: "\\d" reaches PCRE2 as \d, "\d" as d.
        assertThat(regexOf("regex \"\\\\d+ items\"")).isEqualTo("\\d+ items");
        assertThat(regexOf("regex \"\\d+\"")).isEqualTo("d+");
        assertThat(regexOf("regex 'a  b'")).isEqualTo("a b"); // the tokenizer already joined the words
        assertThat(regexOf("regex \"\\x41\\101\\t\\cA\"")).isEqualTo("AA\t\u0001");
        assertThat(regexOf("regex \"caf\u00e9\"")).isEqualTo("caf\u00c3\u00a9"); // UTF-8 bytes, one char each
        assertThat(regexOf("regex \"\\xe9\"")).isEqualTo("\u00e9");
    }

    @Test
    void regexWithAnEscapeAtTheEndIsMissing() {
        LoadResult r = load(url("        regex foo\\"));
        assertThat(withCode(r, "http-regex")).extracting(Diagnostic::message).contains("regex missing or too many fields");
    }

    @Test
    void regexJavaReadsAlikeHasNoDiagnostic() {
        LoadResult r = load(url("        regex \"<title>OK</title>\"\n        regex_options caseless dotall"));
        assertThat(withCode(r, "http-regex-unsupported")).isEmpty();
    }
}
