package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.syntax.Limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What every hostile input must satisfy, whatever it is: the loader returns (the step budgets of
 * {@link Limits} bound the work; the timeout here is only a safety net against a missing budget),
 * it never reports an internal error, and every diagnostic says what and where.
 */
final class HostileChecks {

    /** Far above what any case needs on a slow CI machine; the real bound is the step budgets. */
    static final Duration SAFETY_NET = Duration.ofSeconds(30);

    static final String CONFIG_ID = "node1";

    private HostileChecks() {
    }

    static LoadOptions options(Limits limits, long seed) {
        return new LoadOptions(CONFIG_ID, limits, seed);
    }

    static LoadResult loadText(String text) {
        return loadText(text, Limits.DEFAULT, "hostile.conf");
    }

    static LoadResult loadText(String text, Limits limits, String context) {
        LoadResult r = assertTimeoutPreemptively(SAFETY_NET,
                () -> ConfigLoader.loadText("hostile.conf", text, options(limits, 1L)), context);
        assertSane(r, context);
        return r;
    }

    static LoadResult load(Path file, String context) {
        return load(file, Limits.DEFAULT, context);
    }

    static LoadResult load(Path file, Limits limits, String context) {
        LoadResult r = assertTimeoutPreemptively(SAFETY_NET,
                () -> ConfigLoader.load(file, options(limits, 1L)), context);
        assertSane(r, context);
        return r;
    }

    static void assertSane(LoadResult r, String context) {
        assertThat(r.diagnostics().all())
                .as("%s: internal-error means an exception escaped the front end", context)
                .noneMatch(d -> d.code().equals("internal-error"));
        assertThat(r.model()).as("%s: model", context).isNotNull();
        for (Diagnostic d : r.diagnostics().all()) {
            assertThat(d.message()).as("%s: message of %s", context, d).isNotBlank();
            assertThat(d.code()).as("%s: code of %s", context, d).isNotBlank();
            assertThat(d.position().file()).as("%s: file of %s", context, d).isNotBlank();
            assertThat(d.format()).as("%s: format of %s", context, d).isNotBlank();
        }
    }

    static String codes(LoadResult r) {
        return r.diagnostics().all().stream().map(Diagnostic::code).distinct().collect(Collectors.joining(","));
    }
}
