package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loop that produces a million unknown keywords (found by the preprocessor fuzzer: seed
 * -8649377647187948903 took minutes computing a did-you-mean for each) is reported as the first
 * thousand plus one summary line, still with keepalived's exit status for unknown keywords.
 */
class UnknownKeywordFloodTest {

    @Test
    void aMillionUnknownKeywordsAreSummarisedNotListed() {
        LoadResult r = HostileChecks.loadText("~SEQ(i, 1000000) x_$i\n");
        List<Diagnostic> unknown = r.diagnostics().all().stream().filter(d -> d.code().equals("unknown-keyword")).toList();
        assertThat(unknown).hasSize(1001);
        assertThat(unknown.getLast().message()).isEqualTo("999000 more unknown keywords not listed (1000000 in all)");
        assertThat(unknown).allMatch(d -> d.status() == KaStatus.UNKNOWN_KEYWORD);
        assertThat(unknown.getFirst().message()).isEqualTo("Unknown keyword 'x_1' at top level");
    }
}
