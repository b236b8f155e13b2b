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
    void burstOfTwentyStateChangesRunsInOrderOneAtATimeAndFeedsTheFifo() throws Exception {
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
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> readLines(fifoPath, 20));
            NotificationDispatcher d = new NotificationDispatcher(Map.of("VI_1", vi1), Map.of(),
                    new ProcessScriptRunner(), List.of(fifo), Optional.empty(), "nodeA", Duration.ofSeconds(10));
            List<StateNotification> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                StateNotification n = StateNotification.instance("VI_1", i % 2 == 0 ? "BACKUP" : "MASTER", 100 + i);
                sent.add(n);
                d.dispatch(n);
            }
            d.whenIdle("VI_1", false).toCompletableFuture().get(60, TimeUnit.SECONDS);

            List<String> expected = new ArrayList<>();
            for (StateNotification n : sent) {
                String own = n.state().equals("MASTER") ? "master-script" : "backup-script";
                String generic = String.join(" ", n.notifyArguments());
                expected.addAll(List.of("start " + own, "end " + own, "start " + generic, "end " + generic));
            }
            assertThat(Files.readAllLines(log)).doesNotContain("OVERLAP").containsExactlyElementsOf(expected);
            assertThat(read.get(10, TimeUnit.SECONDS))
                    .containsExactlyElementsOf(sent.stream().map(n -> n.fifoLine().strip()).toList())
                    .startsWith("INSTANCE \"VI_1\" BACKUP 100", "INSTANCE \"VI_1\" MASTER 101");
        }
    }

    private static List<String> readLines(Path fifo, int count) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(fifo)) {
            while (lines.size() < count) {
                String line = r.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }
}
