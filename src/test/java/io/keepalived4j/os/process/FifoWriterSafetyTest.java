package io.keepalived4j.os.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Root writes state lines into the notify FIFO, at a path others may reach (CWE-59): it is made
 * 0600, never followed when it is a symlink, and never written when it is anything but a FIFO
 * owned by us; what it refuses it leaves alone.
 */
class FifoWriterSafetyTest {

    @TempDir
    Path dir;

    @Test
    void aFifoWeMakeIsReadableAndWritableByUsOnly() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        try (FifoWriter w = FifoWriter.open(fifo)) {
            assertThat(w.created()).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo))).isEqualTo("rw-------");
        }
        assertThat(fifo).doesNotExist();
    }

    @Test
    void aSymlinkAtThePathIsRefusedAndItsTargetUntouched() throws Exception {
        Path target = Files.writeString(dir.resolve("shadow"), "precious\n");
        Path fifo = Files.createSymbolicLink(dir.resolve("notify.fifo"), target);
        assertThatThrownBy(() -> FifoWriter.open(fifo)).isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(target)).isEqualTo("precious\n");
        assertThat(Files.isSymbolicLink(fifo)).as("left alone").isTrue();
    }

    @Test
    void aDanglingSymlinkIsNotFollowedIntoANewFile() throws Exception {
        Path target = dir.resolve("would-be-created");
        Path fifo = Files.createSymbolicLink(dir.resolve("notify.fifo"), target);
        assertThatThrownBy(() -> FifoWriter.open(fifo)).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void aRegularFileSwappedInForTheFifoIsRefusedAndLeftAsItWas() throws Exception {
        Path fifo = Files.writeString(dir.resolve("notify.fifo"), "not a fifo\n");
        assertThatThrownBy(() -> FifoWriter.open(fifo)).isInstanceOf(IOException.class)
                .hasMessageContaining("is a regular file").hasMessageContaining("not a FIFO owned by uid");
        assertThat(Files.readString(fifo)).isEqualTo("not a fifo\n");
    }

    @Test
    void aFifoOthersCanWriteIsRefused() throws Exception {
        Path fifo = dir.resolve("notify.fifo");
        try (FifoWriter w = FifoWriter.open(fifo)) {
            // Keep it: another open while it exists reuses it.
            Files.setPosixFilePermissions(fifo, PosixFilePermissions.fromString("rw--w--w-"));
            assertThatThrownBy(() -> FifoWriter.open(fifo)).isInstanceOf(IOException.class)
                    .hasMessageContaining("writable by other users");
        }
    }
}
