package io.keepalived4j.config.check;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every diagnostic of {@code -t} says where: over the whole probe corpus (src/test/resources/probes),
 * each one has a file and a line, so an operator can go to the offending keyword, also for what
 * keepalived itself prints without a line (its completion checks, "Non-existent interface
 * specified in configuration"). Only a file that cannot be read has no line to point at.
 */
class DiagnosticLocationsTest {

    /** Diagnostics about a whole file (it is missing, or too big to read), which has no line to point at. */
    private static final Set<String> WHOLE_FILE = Set.of("file-not-found", "too-much-text", "too-many-lines");

    @Test
    void everyProbeDiagnosticHasAFileAndALine() throws IOException, URISyntaxException {
        Path dir = Path.of(DiagnosticLocationsTest.class.getResource("/probes/expected.tsv").toURI()).getParent();
        List<String> unplaced = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> probes = Files.list(dir)) {
            for (Path probe : probes.filter(p -> p.toString().endsWith(".conf")).sorted().toList()) {
                LoadResult r = ConfigTest.run(probe, new LoadOptions("test", Limits.DEFAULT, 0), new HostChecksTest.FakeHost());
                for (Diagnostic d : r.diagnostics().all()) {
                    checked++;
                    if ((d.position().line() <= 0 || d.position().file().isEmpty()) && !WHOLE_FILE.contains(d.code())) {
                        unplaced.add(probe.getFileName() + ": [" + d.code() + "] " + d.message());
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(unplaced).as("diagnostics without a file and line").isEmpty();
    }
}
