package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.JavaChild;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The production entry point, {@code configure(options)}, on a real stderr (child JVM, TZ=UTC). */
class DaemonLoggingStderrTest {

    private static final String CTIME = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 123]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}: ";

    @Test
    void dashLDashGPrintsKeepalivedConsoleLinesOnStderr() {
        try (JavaChild child = JavaChild.start(List.of("env", "TZ=UTC"), LoggingProbe.class)) {
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();

            assertThat(child.output().split("\n")).satisfiesExactly(
                    l -> assertThat(l).matches(CTIME + "Starting Keepalived4j v0\\.1\\.0"),
                    l -> assertThat(l).matches(CTIME + "Command line: 'keepalived4j' '-n' '-l' '-G'"),
                    l -> assertThat(l).matches(CTIME + "Opening file '/etc/keepalived/keepalived\\.conf'\\."),
                    l -> assertThat(l).matches(CTIME + "Stopped Keepalived4j v0\\.1\\.0"),
                    l -> assertThat(l).isEqualTo("DONE"));
        }
    }
}
