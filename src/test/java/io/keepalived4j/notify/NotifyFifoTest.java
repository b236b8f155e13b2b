package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;
import io.keepalived4j.os.process.ScriptLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class NotifyFifoTest {

    @TempDir
    Path dir;

    @Test
    void fifoIsCreatedAndAReaderGetsKeepalivedFormatLines() throws Exception {
        Path path = dir.resolve("notify.fifo");
        try (NotifyFifo fifo = NotifyFifo.open(path, Optional.empty(), new ScriptLauncher())) {
            assertThat(Files.isRegularFile(path)).isFalse();
            assertThat(Files.exists(path)).isTrue();
            CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> read(path, 2));
            fifo.write(StateNotification.instance("VI_1", "MASTER", 100));
            fifo.write(StateNotification.group("G1", "BACKUP"));
            assertThat(lines.get(10, TimeUnit.SECONDS)).containsExactly("INSTANCE \"VI_1\" MASTER 100", "GROUP \"G1\" BACKUP 0");
        }
        assertThat(path).as("we made it, so we remove it").doesNotExist();
    }

    @Test
    void writingWithNoReaderNeverBlocksAndCountsWhatTheFullPipeDrops() throws Exception {
        Path path = dir.resolve("nobody-reads.fifo");
        try (NotifyFifo fifo = NotifyFifo.open(path, Optional.empty(), new ScriptLauncher())) {
            // 64 KiB of pipe buffer holds ~2400 of these lines; the rest must be dropped, not wait.
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5000; i++) {
                    fifo.write(StateNotification.instance("VI_1", "MASTER", 100));
                }
            });
            assertThatCode(() -> writes.get(10, TimeUnit.SECONDS)).doesNotThrowAnyException();
            assertThat(fifo.dropped()).isGreaterThan(0).isLessThan(5000);
        }
    }

    @Test
    void existingFifoIsReusedAndKept() throws Exception {
        Path path = dir.resolve("pre.fifo");
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
        try (NotifyFifo fifo = NotifyFifo.open(path, Optional.empty(), new ScriptLauncher())) {
            fifo.write(StateNotification.instance("VI_1", "BACKUP", 90));
        }
        assertThat(path).exists();
    }

    @Test
    void fifoScriptIsStartedWithTheFifoPathAndStoppedOnClose() throws Exception {
        Path path = dir.resolve("scripted.fifo");
        Path out = dir.resolve("reader.out");
        Path reader = Scripts.write(dir, "reader.sh", "while read -r line; do echo \"$line\" >> " + out + "; done < \"$1\"");
        long pid;
        try (NotifyFifo fifo = NotifyFifo.open(path, Optional.of(new NotifyScript(List.of(reader.toString()),
                RunAs.daemon())), new ScriptLauncher())) {
            pid = fifo.readerPid().orElseThrow();
            fifo.write(StateNotification.instance("VI_1", "FAULT", 100));
            assertThat(Scripts.awaitContent(out, 10_000)).isEqualTo("INSTANCE \"VI_1\" FAULT 100\n");
            assertThat(Scripts.alive(pid)).isTrue();
        }
        long end = System.nanoTime() + 3_000_000_000L;
        while (Scripts.alive(pid) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(Scripts.alive(pid)).isFalse();
    }

    private static List<String> read(Path fifo, int count) {
        try (BufferedReader r = Files.newBufferedReader(fifo)) {
            List<String> lines = new java.util.ArrayList<>();
            while (lines.size() < count) {
                lines.add(r.readLine());
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
