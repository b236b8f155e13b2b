package io.keepalived4j.config.syntax;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {

    @Test
    void defaultsAreTheOnesTheJavadocDocuments() {
        // If this fails, update the table in Limits' Javadoc (and docs that quote it) with the new values.
        assertThat(Limits.DEFAULT).isEqualTo(new Limits(32, 32, 2_000_000, 4 * 1024 * 1024, 1_000_000, 10_000,
                64L * 1024 * 1024, 64));
    }

    @Test
    void defaultsLeaveRoomForTheBenchmarkConfiguration() {
        // benchmarks/config-parse: 1,000 VRRP instances and 10,000 real servers are 119,888 lines and 2.5 MB.
        assertThat(Limits.DEFAULT.maxLines()).isGreaterThan(10 * 119_888L);
        assertThat(Limits.DEFAULT.maxTotalChars()).isGreaterThan(10 * 2_520_114L);
    }
}
