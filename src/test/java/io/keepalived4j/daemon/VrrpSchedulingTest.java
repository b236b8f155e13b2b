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
