package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessCpuTimeTest {

    @Test
    void parsesUtimeAndStimeEvenWithParenthesesInTheName() {
        String stat = "5843 (my (odd) cmd) R 5839 5839 26157 0 -1 4194304 98 0 0 0 1234 56 0 0 20 0 1 0 172911 3133440 382";

        ProcessCpuTime t = ProcessCpuTime.parseStat(stat);

        assertThat(t.user()).isEqualTo(Duration.ofMillis(12_340));
        assertThat(t.system()).isEqualTo(Duration.ofMillis(560));
    }

    @Test
    void thisJvmHasUsedSomeCpuAndTheCountNeverGoesBack() {
        ProcessCpuTime before = ProcessCpuTime.current();
        long sink = 0;
        for (long end = System.nanoTime() + 100_000_000L; System.nanoTime() < end; ) {
            sink += Long.numberOfTrailingZeros(sink + 1);
        }
        ProcessCpuTime after = ProcessCpuTime.current();

        assertThat(before.user().plus(before.system())).as("JVM start-up alone costs CPU").isPositive();
        assertThat(after.user()).isGreaterThanOrEqualTo(before.user());
        assertThat(after.system()).isGreaterThanOrEqualTo(before.system());
        assertThat(sink).isNotNegative();
    }
}
