package io.keepalived4j.notify;

import io.keepalived4j.os.process.CommandLine;
import io.keepalived4j.os.process.RunAs;
import io.keepalived4j.os.process.ScriptLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' request (tests.md 2.11, issue #996): a burst of state changes runs its notify scripts
 * in order and never two at once, with real processes and a real FIFO reader.
 */
class NotificationBurstTest {

    @TempDir
    Path dir;

    @Test
    void burstOfTwentyStateChangesRunsOneAtATimeInOrderEndingWithTheLatest() throws Exception {
        Path log = dir.resolve("log");
        // mkdir is atomic: a second script running at the same time cannot take the lock.
        String body = "log=$1; shift; mkdir \"$log.lock\" 2>/dev/null || echo OVERLAP >> \"$log\"\n"
                + "echo \"start $*\" >> \"$log\"; sleep 0.02; echo \"end $*\" >> \"$log\"; rmdir \"$log.lock\"";
        Path s = Scripts.write(dir, "rec.sh", body);
        RunAs me = RunAs.daemon();
        NotifyTarget vi1 = new NotifyTarget(Map.of(
                "master", new NotifyScript(CommandLine.split(s + " " + log + " master-script"), me),
                "backup", new NotifyScript(CommandLine.split(s + " " + log + " backup-script"), me),
                "notify", new NotifyScript(List.of(s.toString(), log.toString()), me)), false);
        Path fifoPath = dir.resolve("vrrp.fifo");
        try (NotifyFifo fifo = NotifyFifo.open(fifoPath, Optional.empty(), new ScriptLauncher())) {
            List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> readLines(fifoPath, read));
            NotificationDispatcher d = new NotificationDispatcher(Map.of("VI_1", vi1), Map.of(),
                    new ProcessScriptRunner(), List.of(fifo), Optional.empty(), "nodeA", Duration.ofSeconds(10));
            List<StateNotification> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                StateNotification n = StateNotification.instance("VI_1", i % 2 == 0 ? "BACKUP" : "MASTER", 100 + i);
                sent.add(n);
                d.dispatch(n);
            }
            d.whenIdle("VI_1", false).toCompletableFuture().get(60, TimeUnit.SECONDS);

            // While a notification runs only the newest change waits: the first and the last one
            // always run, in order, never overlapping; those in between may be coalesced.
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).doesNotContain("OVERLAP");
            List<StateNotification> ran = sent.stream()
                    .filter(n -> lines.contains("start " + String.join(" ", n.notifyArguments()))).toList();
            assertThat(ran).startsWith(sent.getFirst()).endsWith(sent.getLast());
            List<String> expected = new ArrayList<>();
            for (StateNotification n : ran) {
                String own = n.state().equals("MASTER") ? "master-script" : "backup-script";
                String generic = String.join(" ", n.notifyArguments());
                expected.addAll(List.of("start " + own, "end " + own, "start " + generic, "end " + generic));
            }
            assertThat(lines).containsExactlyElementsOf(expected);
            assertThat(d.coalesced()).isEqualTo(sent.size() - ran.size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (read.size() < ran.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(read).containsExactlyElementsOf(ran.stream().map(n -> n.fifoLine().strip()).toList());
        }
    }

    private static void readLines(Path fifo, List<String> into) {
        try (BufferedReader r = Files.newBufferedReader(fifo)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                into.add(line);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
