package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's order and one-at-a-time rule, with scripts that end when the test says. */
class NotificationDispatcherTest {

    private static final RunAs ME = RunAs.daemon();
    private final FakeScriptRunner runner = new FakeScriptRunner();
    private final List<SmtpAlert> mails = new ArrayList<>();
    private final AlertSink sink = a -> mails.add(a);

    private static NotifyScript script(String... argv) {
        return new NotifyScript(List.of(argv), ME);
    }

    private NotificationDispatcher dispatcher(boolean smtp) {
        NotifyTarget vi1 = new NotifyTarget(Map.of("master", script("/m", "MASTERONLY", "arg"),
                "backup", script("/b"), "notify", script("/n")), smtp);
        NotifyTarget vi2 = new NotifyTarget(Map.of("notify", script("/n2")), false);
        NotifyTarget g1 = new NotifyTarget(Map.of("fault", script("/gf"), "notify", script("/gn")), smtp);
        return new NotificationDispatcher(Map.of("VI_1", vi1, "VI_2", vi2), Map.of("G1", g1), runner, List.of(),
                Optional.of(sink), "nodeA", Duration.ofSeconds(5));
    }

    @Test
    void perStateScriptRunsFirstThenGenericNotifyWithKeepalivedsFourArguments() {
        NotificationDispatcher d = dispatcher(false);
        d.dispatch(StateNotification.instance("VI_1", "MASTER", 100));
        assertThat(runner.calls()).hasSize(1);
        assertThat(runner.last().argv()).containsExactly("/m", "MASTERONLY", "arg");
        assertThat(runner.last().timeout()).isEqualTo(Duration.ofSeconds(5));
        runner.last().exit(0);
        assertThat(runner.calls()).hasSize(2);
        assertThat(runner.last().argv()).containsExactly("/n", "INSTANCE", "VI_1", "MASTER", "100");
        runner.last().exit(1);
        assertThat(d.whenIdle("VI_1", false).toCompletableFuture()).isDone();
    }

    @Test
    void nextNotificationOfAnInstanceWaitsUntilThePreviousFinishedButOtherInstancesDoNot() {
        NotificationDispatcher d = dispatcher(false);
        d.dispatch(StateNotification.instance("VI_1", "BACKUP", 100));
        d.dispatch(StateNotification.instance("VI_1", "MASTER", 100));
        d.dispatch(StateNotification.instance("VI_2", "MASTER", 50));
        assertThat(runner.pending()).extracting(c -> c.argv().getFirst()).containsExactly("/b", "/n2");
        runner.calls().get(0).exit(0);
        assertThat(runner.pending()).extracting(c -> c.argv().getFirst()).containsExactly("/n2", "/n");
        assertThat(runner.last().argv()).containsExactly("/n", "INSTANCE", "VI_1", "BACKUP", "100");
        // A script that failed or timed out still lets the next notification go.
        runner.last().timeOut();
        assertThat(runner.last().argv()).containsExactly("/m", "MASTERONLY", "arg");
        assertThat(d.whenIdle("VI_1", false).toCompletableFuture()).isNotDone();
    }

    @Test
    void syncGroupsGetGroupArgumentsWithPriorityZeroAndFifoOnlyStatesRunNoGenericScript() {
        NotificationDispatcher d = dispatcher(false);
        d.dispatch(StateNotification.group("G1", "FAULT"));
        assertThat(runner.last().argv()).containsExactly("/gf");
        runner.last().exit(0);
        assertThat(runner.last().argv()).containsExactly("/gn", "GROUP", "G1", "FAULT", "0");
        runner.last().exit(0);
        int before = runner.calls().size();
        d.dispatch(StateNotification.instance("VI_1", "MASTER_PRIORITY", 90));
        assertThat(runner.calls()).hasSize(before);
        assertThat(d.whenIdle("VI_1", false).toCompletableFuture()).isDone();
    }

    @Test
    void mailIsSentOncePerStateOnlyForTargetsWithSmtpAlert() {
        NotificationDispatcher d = dispatcher(true);
        for (String state : List.of("BACKUP", "BACKUP", "MASTER")) {
            d.dispatch(StateNotification.instance("VI_1", state, 100));
            runner.pending().forEach(c -> c.exit(0));
            runner.pending().forEach(c -> c.exit(0));
        }
        d.dispatch(StateNotification.instance("VI_2", "MASTER", 50));
        runner.pending().forEach(c -> c.exit(0));
        assertThat(mails).containsExactly(
                new SmtpAlert("[nodeA] VRRP Instance VI_1 - Entering BACKUP state",
                        "=> VRRP Instance is no longer owning VRRP VIPs <="),
                new SmtpAlert("[nodeA] VRRP Instance VI_1 - Entering MASTER state",
                        "=> VRRP Instance is now owning VRRP VIPs <="));
    }

    @Test
    void instanceWithoutScriptsCompletesAtOnce() {
        NotificationDispatcher d = dispatcher(false);
        d.dispatch(StateNotification.instance("VI_9", "MASTER", 100));
        assertThat(runner.calls()).isEmpty();
        assertThat(d.whenIdle("VI_9", false).toCompletableFuture()).isDone();
    }
}
