package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.os.RealtimeScheduling;
import io.keepalived4j.os.SchedulingPolicy;
import io.keepalived4j.testsupport.Root;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VrrpSchedulingTest {

    private static GlobalDefs global(String body) {
        return ConfigLoader.loadText("t.conf", "global_defs {\n" + body + "\n}\n", LoadOptions.defaults()).model().global();
    }

    @Test
    void rtPriorityIsReadFromGlobalDefs() {
        assertThat(VrrpScheduling.rtPriority(global("vrrp_rt_priority 42"))).hasValue(42);
    }

    @Test
    void noRtPriorityByDefaultAsKeepalived() {
        assertThat(VrrpScheduling.rtPriority(global("router_id a"))).isEmpty();
        assertThat(VrrpScheduling.noSwap(global("router_id a"))).isFalse();
    }

    @Test
    void outOfRangeOrTextIsIgnored() {
        assertThat(VrrpScheduling.rtPriority(global("vrrp_rt_priority 100"))).isEmpty();
        assertThat(VrrpScheduling.rtPriority(global("vrrp_rt_priority high"))).isEmpty();
    }

    @Test
    void noSwapIsAFlag() {
        assertThat(VrrpScheduling.noSwap(global("vrrp_no_swap"))).isTrue();
    }

    @Test
    void loopThreadRunsRoundRobinAtTheConfiguredPriority() {
        Root.assumeRootOrFailOnCi();
        try (VrrpLoop loop = VrrpLoop.withSystemClock(OptionalInt.of(23))) {
            loop.start(new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { }));
            CompletableFuture<RealtimeScheduling.ThreadSchedule> seen = new CompletableFuture<>();
            loop.submit(() -> {
                try {
                    seen.complete(RealtimeScheduling.currentThread());
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            });
            assertThat(seen.join()).isEqualTo(new RealtimeScheduling.ThreadSchedule(SchedulingPolicy.RR, 23));
        }
    }

    @Test
    void theVmThreadThatRunsGcPausesBecomesRoundRobinWithTheLoop() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VrrpLoop loop = VrrpLoop.withSystemClock(OptionalInt.of(3))) {
            loop.start(new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { }));
            assertThat(loop.call(() -> { }, java.time.Duration.ofSeconds(5))).isTrue();
            assertThat(policyOf("VM Thread")).containsExactly(3, SchedulingPolicy.RR.number());
        } finally {
            // The surefire JVM lives on: hand its VM Thread back to SCHED_OTHER.
            RealtimeScheduling.setThread(tidOf("VM Thread"), SchedulingPolicy.OTHER, 0);
        }
        assertThat(policyOf("VM Thread")).containsExactly(0, SchedulingPolicy.OTHER.number());
    }

    private static int tidOf(String comm) throws Exception {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var t : tasks.toList()) {
                if (java.nio.file.Files.readString(t.resolve("comm")).strip().equals(comm)) {
                    return Integer.parseInt(t.getFileName().toString());
                }
            }
        }
        throw new AssertionError("no thread " + comm);
    }

    /** {rt_priority, policy} (fields 40 and 41 of /proc/self/task/TID/stat). */
    private static int[] policyOf(String comm) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + tidOf(comm) + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        return new int[] {Integer.parseInt(f[37]), Integer.parseInt(f[38])};
    }

    @Test
    void loopThreadStaysOrdinaryWithoutRtPriority() {
        try (VrrpLoop loop = VrrpLoop.withSystemClock()) {
            loop.start(new VrrpHost(new HostSpec(List.of(), List.of()), (i, action, now) -> { }));
            CompletableFuture<SchedulingPolicy> seen = new CompletableFuture<>();
            loop.submit(() -> {
                try {
                    seen.complete(RealtimeScheduling.currentThread().policy());
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            });
            assertThat(seen.join()).isEqualTo(SchedulingPolicy.OTHER);
        }
    }
}
