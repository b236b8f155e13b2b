package io.keepalived4j.daemon;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.TrackProcess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How track_file reads its number and how vrrp_track_process matches, as keepalived does. */
class PolledTrackerRulesTest {

    @Test
    void trackFileValueIsStrtolsReadingOfTheText() {
        assertThat(TrackedFile.parse("42\n")).hasValue(42);
        assertThat(TrackedFile.parse("  -30 apples")).hasValue(-30);
        assertThat(TrackedFile.parse("+7")).hasValue(7);
        assertThat(TrackedFile.parse("")).hasValue(0);
        assertThat(TrackedFile.parse("abc")).hasValue(0);
        assertThat(TrackedFile.parse("-")).hasValue(0);
    }

    @Test
    void trackFileReadsHexAndOctalAsStrtolWithBaseZero() {
        // keepalived 2.2.7 reads it with strtol(buf, NULL, 0): observed 010 -> 8, 0x10 -> 16, " 12junk" -> 12.
        assertThat(TrackedFile.parse("010")).hasValue(8);
        assertThat(TrackedFile.parse("0x10")).hasValue(16);
        assertThat(TrackedFile.parse(" 12junk")).hasValue(12);
        assertThat(TrackedFile.parse("08")).hasValue(0);
        assertThat(TrackedFile.parse("0x")).hasValue(0);
        assertThat(TrackedFile.parse("-0x1f")).hasValue(-31);
    }

    @Test
    void aNumberOutsideTheIntRangeIsIgnoredAndKeepsTheLastValue() {
        // keepalived: "Invalid number ... read from FILE - ignoring" for 99999999999.
        assertThat(TrackedFile.parse("99999999999")).isEmpty();
        assertThat(TrackedFile.parse("2147483648")).hasValue(2147483648L);
        assertThat(TrackedFile.parse("2147483649")).isEmpty();
        assertThat(TrackedFile.parse("-2147483648")).hasValue(-2147483648L);
        assertThat(TrackedFile.parse("-2147483649")).isEmpty();
    }

    private static TrackProcess track(String process, String paramMatch, boolean full) {
        return new TrackProcess("t", process, paramMatch, -20, false, 1, 0, full, Position.NONE);
    }

    @Test
    void processMatchesByCommTruncatedTo15CharactersOrByCommandLine() {
        var nginx = new ProcessCensus.Process("nginx", List.of("nginx: master process /usr/sbin/nginx"));
        assertThat(ProcessCensus.matches(track("nginx", "", false), nginx)).isTrue();
        assertThat(ProcessCensus.matches(track("nginx2", "", false), nginx)).isFalse();
        var longName = new ProcessCensus.Process("averyveryverylo", List.of("/opt/averyveryverylongname"));
        assertThat(ProcessCensus.matches(track("averyveryverylongname", "", false), longName)).isTrue();
        var haproxy = new ProcessCensus.Process("haproxy", List.of("/usr/sbin/haproxy", "-f", "/etc/haproxy/haproxy.cfg", "-Ws"));
        assertThat(ProcessCensus.matches(track("/usr/sbin/haproxy -f /etc/haproxy/haproxy.cfg -Ws", "", true), haproxy)).isTrue();
        assertThat(ProcessCensus.matches(track("/usr/sbin/haproxy -f", "", true), haproxy)).isFalse();
        assertThat(ProcessCensus.matches(track("/usr/sbin/haproxy -f", "initial", true), haproxy)).isTrue();
        assertThat(ProcessCensus.matches(track("/usr/sbin/haproxy haproxy.cfg", "partial", true), haproxy)).isFalse();
        assertThat(ProcessCensus.matches(track("/usr/sbin/haproxy /etc/haproxy/haproxy.cfg -Ws", "partial", true), haproxy)).isTrue();
    }

    @Test
    void quorumCountsTheMatchingProcessesOfThisMachine() {
        ProcessCensus census = ProcessCensus.system();
        String self = ProcessHandle.current().info().command().map(c -> java.nio.file.Path.of(c).getFileName().toString())
                .orElseThrow();
        assertThat(census.quorumMet(new TrackProcess("t", self, "", 0, false, 1, 0, false, Position.NONE)))
                .as("this JVM (%s) runs", self).isTrue();
        assertThat(census.quorumMet(new TrackProcess("t", "no-such-process-k4j", "", 0, false, 1, 0, false, Position.NONE)))
                .isFalse();
        assertThat(census.quorumMet(new TrackProcess("t", self, "", 0, false, 1000, 0, false, Position.NONE)))
                .as("a quorum of 1000 is not met").isFalse();
    }
}
