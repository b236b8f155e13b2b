package io.keepalived4j.daemon;

import io.keepalived4j.testsupport.JavaChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two daemons starting at the same moment with one pid file: exactly one gets it (an flock held for
 * the daemon's life), whatever the file said; a symlink at the path is refused, never written through.
 */
class PidFileRaceTest {

    @TempDir
    Path dir;

    @Test
    void ofTwoProcessesRacingForOnePidFileExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path file = dir.resolve("race-" + round + ".pid");
            Path go = dir.resolve("go-" + round);
            List<JavaChild> children = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    children.add(JavaChild.start(List.of(), PidFileClaimer.class, file.toString(), go.toString()));
                }
                for (JavaChild c : children) {
                    c.awaitLine("READY", Duration.ofSeconds(20));
                }
                Files.writeString(go, "go"); // both claim as soon as they see this
                List<String> results = new ArrayList<>();
                for (JavaChild c : children) {
                    InProcessNode.await(() -> c.output().contains("CLAIMED") || c.output().contains("REFUSED"),
                            Duration.ofSeconds(20), "child " + c.pid() + " claimed or was refused");
                    results.add(c.output().contains("CLAIMED") ? "CLAIMED" : "REFUSED");
                }
                assertThat(results).as("round " + round).containsExactlyInAnyOrder("CLAIMED", "REFUSED");
                long winner = children.stream().filter(c -> c.output().contains("CLAIMED")).findFirst().orElseThrow().pid();
                assertThat(Files.readString(file)).isEqualTo(winner + "\n");
            } finally {
                children.forEach(JavaChild::close);
            }
        }
    }

    @Test
    void aSecondClaimInTheSameProcessIsRefusedWhileTheFirstHoldsIt() {
        Path file = dir.resolve("k.pid");
        try (PidFile first = PidFile.claim(file)) {
            assertThatThrownBy(() -> PidFile.claim(file)).isInstanceOf(DaemonAlreadyRunningException.class);
        }
        try (PidFile again = PidFile.claim(file)) {
            assertThat(again.pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aSymlinkAtThePidFilesPathIsRefusedAndItsTargetUntouched() throws Exception {
        Path target = Files.writeString(dir.resolve("important"), "keep me\n");
        Path file = Files.createSymbolicLink(dir.resolve("keepalived.pid"), target);
        assertThatThrownBy(() -> PidFile.claim(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot open pidfile");
        assertThat(Files.readString(target)).isEqualTo("keep me\n");
    }
}
