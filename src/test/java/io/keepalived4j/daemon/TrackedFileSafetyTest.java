package io.keepalived4j.daemon;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.os.PosixFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * track_file is read by root from a path others may control: a sparse giant costs a few bytes, a
 * FIFO never blocks the tracker, a symlink is not followed; init_file never writes through a symlink.
 */
class TrackedFileSafetyTest {

    @TempDir
    Path dir;

    private static TrackedFile tracked(Path file, Long init, boolean overwrite) {
        return new TrackedFile(new TrackFile("tf", file.toString(), -10, false, init, overwrite, Position.NONE));
    }

    @Test
    void aSparseGigabyteFileIsReadFor127BytesOnly() throws Exception {
        Path file = dir.resolve("big");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write("42\n".getBytes());
            f.setLength(1L << 30);
        }
        long heapBefore = usedHeap();
        for (int i = 0; i < 100; i++) {
            assertThat(tracked(file, null, false).read()).hasValue(42);
        }
        assertThat(usedHeap() - heapBefore).as("no gigabyte read into the heap").isLessThan(64L << 20);
    }

    @Test
    void aFifoInPlaceOfTheFileReadsAsZeroAtOnce() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(PosixFile.mkfifo(fifo, 0600)).isZero();
        CompletableFuture<java.util.OptionalLong> read = CompletableFuture.supplyAsync(() -> tracked(fifo, null, false).read());
        assertThat(read.get(2, TimeUnit.SECONDS)).as("no writer, no wait").hasValue(0);
    }

    @Test
    void aSymlinkInPlaceOfTheFileIsNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "77\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), secret);
        assertThat(tracked(link, null, false).read()).hasValue(0);
    }

    @Test
    void initFileReplacesASymlinkInsteadOfWritingThroughIt() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "root:x:0:0\n");
        Path link = Files.createSymbolicLink(dir.resolve("track"), victim);
        tracked(link, 5L, true).initialise();
        assertThat(Files.readString(victim)).as("the symlink's target is untouched").isEqualTo("root:x:0:0\n");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("5\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(link))).isEqualTo("rw-------");
    }

    @Test
    void initFileWithoutOverwriteLeavesAnExistingFileAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("track"), "9\n");
        tracked(file, 5L, false).initialise();
        assertThat(Files.readString(file)).isEqualTo("9\n");
        Path missing = dir.resolve("new");
        tracked(missing, 3L, false).initialise();
        assertThat(Files.readString(missing)).isEqualTo("3\n");
    }

    @Test
    void initFileWithOverwriteRefusesAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(PosixFile.mkfifo(fifo, 0600)).isZero();
        tracked(fifo, 5L, true).initialise();
        assertThat(Files.isRegularFile(fifo)).as("still the FIFO").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
