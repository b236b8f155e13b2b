package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreKeepalivedsRunFiles() {
        PidFiles files = PidFiles.of(null, null, null);

        assertThat(files.parent()).isEqualTo(Path.of("/run/keepalived.pid"));
        assertThat(files.vrrp()).isEqualTo(Path.of("/run/keepalived_vrrp.pid"));
        assertThat(files.checkers()).isEqualTo(Path.of("/run/keepalived_checkers.pid"));
        assertThat(PidFiles.of(dir.resolve("p"), null, null).parent()).isEqualTo(dir.resolve("p"));
    }

    @Test
    void claimsParentAndVrrpWithOurPidAndRemovesBoth() throws Exception {
        PidFiles files = PidFiles.of(dir.resolve("ka.pid"), dir.resolve("vrrp.pid"), dir.resolve("chk.pid"));
        String pid = ProcessHandle.current().pid() + "\n";

        try (PidFiles.Claimed claimed = files.claim(true, false)) {
            assertThat(claimed.files()).hasSize(2);
            assertThat(Files.readString(dir.resolve("ka.pid"))).isEqualTo(pid);
            assertThat(Files.readString(dir.resolve("vrrp.pid"))).isEqualTo(pid);
            assertThat(dir.resolve("chk.pid")).doesNotExist();
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void refusalOfALaterFileUndoesTheEarlierOnes() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dir.resolve("chk.pid"), other.pid() + "\n");
            PidFiles files = PidFiles.of(dir.resolve("ka.pid"), dir.resolve("vrrp.pid"), dir.resolve("chk.pid"));

            assertThatThrownBy(() -> files.claim(true, true)).isInstanceOf(DaemonAlreadyRunningException.class)
                    .hasMessage("daemon is already running");
            assertThat(dir.resolve("ka.pid")).doesNotExist();
            assertThat(dir.resolve("vrrp.pid")).doesNotExist();
            assertThat(dir.resolve("chk.pid")).hasContent(String.valueOf(other.pid()));
        } finally {
            other.destroyForcibly();
            other.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
