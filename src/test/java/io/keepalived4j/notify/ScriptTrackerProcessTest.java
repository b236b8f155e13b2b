package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;
import io.keepalived4j.os.process.ScriptLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One real vrrp_script: a counter file makes it succeed, fail, then hang past its timeout. */
class ScriptTrackerProcessTest {

    @TempDir
    Path dir;

    @Test
    void realScriptResultsArriveInOrderIncludingATimeout() throws Exception {
        Path count = dir.resolve("count");
        Path s = Scripts.write(dir, "chk.sh", "n=$(cat \"$1\" 2>/dev/null || echo 0); echo $((n+1)) > \"$1\"\n"
                + "case $n in 0) exit 0;; 1) exit 2;; *) exec sleep 1000;; esac");
        LinkedBlockingQueue<ScriptResult> results = new LinkedBlockingQueue<>();
        try (ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler();
             ScriptTracker t = new ScriptTracker("chk", new NotifyScript(List.of(s.toString(), count.toString()),
                     RunAs.daemon()), Duration.ofMillis(300), Duration.ofMillis(200),
                     new ProcessScriptRunner(new ScriptLauncher(), Duration.ofMillis(200)), scheduler,
                     (name, r) -> results.add(r))) {
            t.start();
            assertThat(results.poll(10, TimeUnit.SECONDS)).isEqualTo(ScriptResult.exited(0));
            assertThat(results.poll(10, TimeUnit.SECONDS)).isEqualTo(ScriptResult.exited(2));
            assertThat(results.poll(10, TimeUnit.SECONDS)).isEqualTo(ScriptResult.timeout(15));
        }
    }
}
