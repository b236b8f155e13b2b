package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** vrrp_script cadence in virtual time: runs every interval, reports every raw result. */
class ScriptTrackerTest {

    private final ManualTaskScheduler scheduler = new ManualTaskScheduler();
    private final FakeScriptRunner runner = new FakeScriptRunner();
    private final List<String> reports = new ArrayList<>();
    private final NotifyScript chk = new NotifyScript(List.of("/bin/chk", "eth0"), RunAs.daemon());

    private ScriptTracker tracker() {
        return new ScriptTracker("chk_eth0", chk, Duration.ofSeconds(2), Duration.ofSeconds(1), runner, scheduler,
                (name, r) -> reports.add(name + "@" + scheduler.now().toMillis() + "=" + outcome(r)));
    }

    private static String outcome(ScriptResult r) {
        return r.timedOut() ? "timeout" : r.succeeded() ? "ok" : "fail(" + r.exitCode() + ")";
    }

    @Test
    void runsAtOnceThenEveryIntervalWithItsTimeoutAndReportsEachResult() {
        ScriptTracker t = tracker();
        t.start();
        scheduler.advance(Duration.ZERO);
        assertThat(runner.calls()).hasSize(1);
        assertThat(runner.last().argv()).containsExactly("/bin/chk", "eth0");
        assertThat(runner.last().timeout()).isEqualTo(Duration.ofSeconds(1));
        runner.last().exit(0);
        scheduler.advance(Duration.ofMillis(1999));
        assertThat(runner.calls()).hasSize(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(runner.calls()).hasSize(2);
        runner.last().exit(3);
        scheduler.advance(Duration.ofSeconds(2));
        runner.last().timeOut();
        assertThat(reports).containsExactly("chk_eth0@0=ok", "chk_eth0@2000=fail(3)", "chk_eth0@4000=timeout");
    }

    @Test
    void aRunStillGoingWhenTheNextIsDueMakesThatOneSkippedNotDoubled() {
        ScriptTracker t = tracker();
        t.start();
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(runner.calls()).hasSize(1);
        assertThat(t.skipped()).isEqualTo(2);
        runner.last().exit(0);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(runner.calls()).hasSize(2);
    }

    @Test
    void closeStopsFurtherRunsAndDropsALateResult() {
        ScriptTracker t = tracker();
        t.start();
        scheduler.advance(Duration.ZERO);
        t.close();
        runner.last().exit(0);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(runner.calls()).hasSize(1);
        assertThat(reports).isEmpty();
    }
}
