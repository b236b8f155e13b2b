package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    @Test
    void startAndStopLinesCarryOurNameAndVersion() {
        assertThat(StartupBanner.starting("0.1.0")).isEqualTo("Starting Keepalived4j v0.1.0");
        assertThat(StartupBanner.stopping()).isEqualTo("Stopping");
        assertThat(StartupBanner.stopped("0.1.0")).isEqualTo("Stopped Keepalived4j v0.1.0");
        assertThat(StartupBanner.openingFile(Path.of("/etc/keepalived/keepalived.conf")))
                .isEqualTo("Opening file '/etc/keepalived/keepalived.conf'.");
    }

    @Test
    void runningOnNamesKernelAndJava() {
        assertThat(StartupBanner.runningOn("6.18.44-fc-v669", "#1 SMP PREEMPT_DYNAMIC @0", "25.0.1"))
                .isEqualTo("Running on Linux 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 (Java 25.0.1)");
    }

    @Test
    void runningOnThisHostReportsTheLiveKernel() throws Exception {
        String release = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();

        assertThat(StartupBanner.runningOnThisHost())
                .startsWith("Running on Linux " + release + " #")
                .endsWith(" (Java " + Runtime.version() + ")");
    }

    @Test
    void cpuTimesHaveSixDecimalsLikeKeepalived() {
        // keepalived 2.2.7, captures/m2/nodeA.log: "Stopped - used 0.001756 user time, 0.000000 system time"
        assertThat(StartupBanner.stoppedUsage(Duration.ofNanos(1_756_000), Duration.ZERO))
                .isEqualTo("Stopped - used 0.001756 user time, 0.000000 system time");
        assertThat(StartupBanner.stoppedUsage(Duration.ofMillis(12_340), Duration.ofNanos(999)))
                .isEqualTo("Stopped - used 12.340000 user time, 0.000000 system time");
    }

    @Test
    void shortCommandLineIsOneLine() {
        assertThat(StartupBanner.commandLine(List.of("keepalived4j", "-n", "-l")))
                .containsExactly("Command line: 'keepalived4j' '-n' '-l'");
    }

    @Test
    void longCommandLineWrapsExactlyAsKeepalived227() {
        // keepalived 2.2.7, captures/m2/nodeA.log.
        List<String> argv = List.of("keepalived", "-n", "-l", "-D", "-G", "-P", "-f", "/tmp/kacap/m2A.conf",
                "-p", "/tmp/kacap/m2/A/ka.pid", "-r", "/tmp/kacap/m2/A/vrrp.pid", "-c", "/tmp/kacap/m2/A/chk.pid",
                "-b", "/tmp/kacap/m2/A/bfd.pid");

        assertThat(StartupBanner.commandLine(argv)).containsExactly(
                "Command line: 'keepalived' '-n' '-l' '-D' '-G' '-P' '-f' '/tmp/kacap/m2A.conf' '-p'",
                "              '/tmp/kacap/m2/A/ka.pid' '-r' '/tmp/kacap/m2/A/vrrp.pid' '-c' '/tmp/kacap/m2/A/chk.pid'",
                "              '-b' '/tmp/kacap/m2/A/bfd.pid'");
    }

    @Test
    void secondObservedWrapMatchesToo() {
        // keepalived 2.2.7 -n -l -G -P run on this machine.
        List<String> argv = List.of("keepalived", "-n", "-l", "-G", "-P", "-f", "/tmp/k4jkalog.Fut8/ka.conf",
                "-p", "/tmp/k4jkalog.Fut8/p.pid", "-r", "/tmp/k4jkalog.Fut8/r.pid", "-c", "/tmp/k4jkalog.Fut8/c.pid");

        assertThat(StartupBanner.commandLine(argv)).containsExactly(
                "Command line: 'keepalived' '-n' '-l' '-G' '-P' '-f' '/tmp/k4jkalog.Fut8/ka.conf' '-p'",
                "              '/tmp/k4jkalog.Fut8/p.pid' '-r' '/tmp/k4jkalog.Fut8/r.pid' '-c'",
                "              '/tmp/k4jkalog.Fut8/c.pid'");
    }

    @Test
    void singleArgumentLongerThanTheWidthIsCutAtTheWidth() {
        String longPath = "/" + "x".repeat(120);
        List<String> lines = StartupBanner.commandLine(List.of(longPath));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize("Command line: ".length() + 88);
        assertThat(lines.get(0).substring(14) + lines.get(1).substring(14)).isEqualTo("'" + longPath + "'");
    }
}
