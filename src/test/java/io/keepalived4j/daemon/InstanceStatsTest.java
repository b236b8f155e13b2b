package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-instance counters behind keepalived.stats and the status endpoint. */
class InstanceStatsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
    private final InstanceStats stats = new InstanceStats(clock());

    private InstantSource clock() {
        return now::get;
    }

    @Test
    void leavingMasterByAnyWayCountsAReleaseAndEveryTransitionIsTimed() {
        now.set(Instant.parse("2026-11-23T12:00:01Z"));
        stats.stateChanged(VrrpState.BACKUP);
        now.set(Instant.parse("2026-11-23T12:00:05Z"));
        stats.stateChanged(VrrpState.MASTER);
        stats.stateChanged(VrrpState.FAULT);
        stats.stateChanged(VrrpState.MASTER);
        now.set(Instant.parse("2026-11-23T12:00:09Z"));
        stats.stateChanged(VrrpState.STOP);

        assertThat(stats.becameMaster()).isEqualTo(2);
        assertThat(stats.releasedMaster()).isEqualTo(2);
        assertThat(stats.lastTransition()).isEqualTo(Instant.parse("2026-11-23T12:00:09Z"));
    }

    @Test
    void peersAreRememberedMostRecentFirstWithTheirLastPriority() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        stats.advertReceived(a, 100, 100);
        now.set(now.get().plusSeconds(1));
        stats.advertReceived(b, 90, 100);
        now.set(now.get().plusSeconds(1));
        stats.advertReceived(a, 0, 100);

        assertThat(stats.peers()).extracting(InstanceStats.Peer::address).containsExactly(a, b);
        assertThat(stats.peers().getFirst().priority()).isZero();
        assertThat(stats.peers().getFirst().adverts()).isEqualTo(2);
        assertThat(stats.advertsReceived()).isEqualTo(3);
        assertThat(stats.priorityZeroReceived()).isEqualTo(1);
    }

    @Test
    void peersAreBoundedAndTheOnesPushedOutAreCounted() throws Exception {
        for (int i = 1; i <= InstanceStats.MAX_PEERS + 5; i++) {
            now.set(now.get().plusMillis(1));
            stats.advertReceived(InetAddress.getByName("10.0.1." + i), 100, 100);
        }

        assertThat(stats.peers()).hasSize(InstanceStats.MAX_PEERS);
        assertThat(stats.peers().getFirst().address()).isEqualTo(InetAddress.getByName("10.0.1." + (InstanceStats.MAX_PEERS + 5)));
        assertThat(stats.peersForgotten()).isEqualTo(5);
    }

    @Test
    void aSplitBrainKeepsItsLastReport() {
        stats.splitBrain();
        stats.splitBrain("(VI_1) split brain: another master 10.0.0.9");

        assertThat(stats.splitBrainCount()).isEqualTo(2);
        assertThat(stats.lastSplitBrain()).hasValueSatisfying(r ->
                assertThat(r.line()).isEqualTo("(VI_1) split brain: another master 10.0.0.9"));
    }
}
