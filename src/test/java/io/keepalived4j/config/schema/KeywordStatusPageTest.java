package io.keepalived4j.config.schema;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every keyword of the schema has a line in {@link KeywordSupport}, and docs/keyword-status.md is
 * what the table renders: a keyword added without saying whether it runs, or a table change without
 * the page, fails here. {@code -Dkeyword.status.write=true} rewrites the page.
 */
class KeywordStatusPageTest {

    private static final Path PAGE = Path.of("docs", "keyword-status.md");

    @Test
    void everyKeywordOfTheSchemaSaysWhetherItRuns() {
        assertThat(KeywordSupport.get().all()).filteredOn(e -> e.status() == null)
                .as("keywords with no line in KeywordSupport").isEmpty();
    }

    @Test
    void theDocsPageIsWhatTheTableRenders() throws Exception {
        String page = KeywordStatusPage.markdown();
        if (Boolean.getBoolean("keyword.status.write")) {
            Files.writeString(PAGE, page);
        }
        assertThat(Files.readString(PAGE)).as(PAGE + " (regenerate with -Dkeyword.status.write=true)").isEqualTo(page);
    }

    @Test
    void whatThisReleaseAddedRunsAndTheIpvsOnlySideIsParsedOnly() {
        KeywordSupport s = KeywordSupport.get();
        assertThat(s.of("vrrp_sync_group", "notify_master")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.RUNS);
        assertThat(s.of("global_defs", "vrrp_rlimit_rttime")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.RUNS);
        assertThat(s.of("vrrp_instance", "promote_secondaries")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.PARSED_ONLY);
        assertThat(s.of("real_server", "weight")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.RUNS);
        assertThat(s.of("TCP_CHECK", "connect_timeout")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.RUNS);
        // Checkers and the userspace proxy run; what only the kernel's IPVS does is parsed only.
        assertThat(s.of("virtual_server", "lvs_sched")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.RUNS);
        assertThat(s.of("virtual_server", "persistence_timeout")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.RUNS);
        assertThat(s.of("virtual_server", "ops")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.PARSED_ONLY);
        assertThat(s.of("BFD_CHECK", "name")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.PARSED_ONLY);
        assertThat(s.of("global_defs", "enable_snmp_vrrp")).get().extracting(KeywordSupport.Entry::status)
                .isEqualTo(KeywordSupport.Status.UNSUPPORTED);
    }
}
