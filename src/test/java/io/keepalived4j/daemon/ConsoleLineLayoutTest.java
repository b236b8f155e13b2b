package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConsoleLineLayoutTest {

    @Test
    void matchesKeepalived227ConsoleLineByteForByte() {
        // Printed by /usr/sbin/keepalived 2.2.7 -n -l -G on this machine (TZ UTC).
        String observed = "Tue Dec  1 18:38:35 2026: Starting Keepalived v2.2.7 (01/16,2022)\n";

        assertThat(ConsoleLineLayout.format(Instant.parse("2026-12-01T18:38:35.987Z"), ZoneOffset.UTC,
                "Starting Keepalived v2.2.7 (01/16,2022)")).isEqualTo(observed);
    }

    @Test
    void twoDigitDayIsNotPaddedAndLocalTimeIsUsed() {
        String line = ConsoleLineLayout.format(Instant.parse("2026-07-14T22:05:09Z"), ZoneId.of("Europe/Paris"),
                "(VI_1) Entering MASTER STATE");

        assertThat(line).isEqualTo("Wed Jul 15 00:05:09 2026: (VI_1) Entering MASTER STATE\n");
    }

    @Test
    void everyLineOfAMultiLineMessageGetsThePrefix() {
        String text = ConsoleLineLayout.format(Instant.parse("2026-12-01T18:00:00Z"), ZoneOffset.UTC,
                "Command line: 'keepalived4j' '-p'\n              '/run/k.pid'");

        assertThat(text).isEqualTo("""
                Tue Dec  1 18:00:00 2026: Command line: 'keepalived4j' '-p'
                Tue Dec  1 18:00:00 2026:               '/run/k.pid'
                """);
    }

    @Test
    void theLayoutsRememberedPrefixFollowsTheSecond() {
        ConsoleLineLayout layout = new ConsoleLineLayout(ZoneOffset.UTC);

        assertThat(layout.doLayout(event("2026-12-01T18:00:00.100Z", "a"))).isEqualTo("Tue Dec  1 18:00:00 2026: a\n");
        assertThat(layout.doLayout(event("2026-12-01T18:00:00.900Z", "b"))).isEqualTo("Tue Dec  1 18:00:00 2026: b\n");
        assertThat(layout.doLayout(event("2026-12-01T18:00:01.000Z", "c"))).isEqualTo("Tue Dec  1 18:00:01 2026: c\n");
        assertThat(layout.doLayout(event("2026-12-01T17:59:59.000Z", "late"))).isEqualTo("Tue Dec  1 17:59:59 2026: late\n");
    }

    private static ch.qos.logback.classic.spi.LoggingEvent event(String at, String message) {
        ch.qos.logback.classic.spi.LoggingEvent e = new ch.qos.logback.classic.spi.LoggingEvent();
        e.setMessage(message);
        e.setInstant(Instant.parse(at));
        return e;
    }
}
