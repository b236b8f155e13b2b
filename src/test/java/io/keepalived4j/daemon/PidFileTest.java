package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PidFileTest {

    private static final long OUR_PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger pidFileLog = (Logger) LoggerFactory.getLogger(PidFile.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        pidFileLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        pidFileLog.detachAppender(logged);
    }

    @Test
    void writesDecimalPidAndNewlineThenRemovesItOnClose() throws Exception {
        Path file = dir.resolve("keepalived.pid");
        try (PidFile pid = PidFile.claim(file)) {
            assertThat(Files.readString(file)).isEqualTo(OUR_PID + "\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
            assertThat(pid.pid()).isEqualTo(OUR_PID);
        }
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void stalePidOfAnExitedProcessIsReplacedWithKeepalivedsMessage() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path file = dir.resolve("keepalived_vrrp.pid");
        Files.writeString(file, gone.pid() + "\n");

        try (PidFile ignored = PidFile.claim(file)) {
            assertThat(Files.readString(file)).isEqualTo(OUR_PID + "\n");
        }
        assertThat(messages()).containsExactly("Remove a zombie pid file " + file);
    }

    @Test
    void livePidIsRefusedAndItsFileLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Path file = dir.resolve("keepalived.pid");
            Files.writeString(file, other.pid() + "\n");

            assertThatThrownBy(() -> PidFile.claim(file))
                    .isInstanceOfSatisfying(DaemonAlreadyRunningException.class, e -> {
                        assertThat(e.pid()).isEqualTo(other.pid());
                        assertThat(e.pidFile()).isEqualTo(file);
                    })
                    .hasMessage("daemon is already running");
            assertThat(Files.readString(file)).isEqualTo(other.pid() + "\n");
        } finally {
            other.destroyForcibly();
            other.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void unreadableFileIsRemovedButRefusesThisStartLikeKeepalived() throws Exception {
        Path file = dir.resolve("keepalived.pid");
        Files.writeString(file, "garbage\n");

        assertThatThrownBy(() -> PidFile.claim(file)).isInstanceOf(DaemonAlreadyRunningException.class);
        assertThat(file).doesNotExist();
        assertThat(messages()).containsExactly("Error reading pid file " + file);
        try (PidFile ignored = PidFile.claim(file)) {
            assertThat(file).exists();
        }
    }

    @Test
    void fileHoldingOurOwnPidIsStale() throws Exception {
        Path file = dir.resolve("keepalived.pid");
        Files.writeString(file, "4242\n");

        try (PidFile ignored = PidFile.claim(file, 4242, p -> true)) {
            assertThat(Files.readString(file)).isEqualTo("4242\n");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void closeLeavesAFileThatNowNamesAnotherDaemon() throws Exception {
        Path file = dir.resolve("keepalived.pid");
        PidFile ours = PidFile.claim(file, 100, p -> false);
        Files.writeString(file, "200\n");

        ours.close();
        ours.close();

        assertThat(Files.readString(file)).isEqualTo("200\n");
    }

    @Test
    void closeAfterTheFileWasDeletedIsQuiet() throws Exception {
        Path file = dir.resolve("keepalived.pid");
        PidFile ours = PidFile.claim(file);
        Files.delete(file);

        ours.close();

        assertThat(messages()).isEmpty();
    }

    private java.util.List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
