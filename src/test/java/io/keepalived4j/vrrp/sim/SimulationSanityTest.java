package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator itself: a known scenario gives the known timeline. */
class SimulationSanityTest {

    @Test
    void masterDeathMovesTheVipsToTheBackupAtMasterDownInterval() throws Exception {
        List<InstanceParameters> params = List.of(
                InstanceParameters.of("VI_1", 51, 2, 150, 100, InetAddress.getByName("10.231.0.11")),
                InstanceParameters.of("VI_1", 51, 2, 100, 100, InetAddress.getByName("10.231.0.12")));
        Segment seg = new Segment(params, new SplittableRandom(7));
        List<String> timeline = new ArrayList<>();
        seg.setTimeline(timeline::add);
        seg.startAll();
        seg.runUntil(10_000_000);
        assertThat(seg.state(0)).isEqualTo(VrrpState.MASTER);
        assertThat(seg.holdsVips(0)).isTrue();
        assertThat(seg.state(1)).isEqualTo(VrrpState.BACKUP);
        seg.kill(0);
        seg.runUntil(20_000_000);
        assertThat(seg.state(1)).isEqualTo(VrrpState.MASTER);
        assertThat(seg.holdsVips(1)).isTrue();
        assertThat(timeline).anyMatch(l -> l.endsWith("VI_1@0 BACKUP -> MASTER"))
                .anyMatch(l -> l.contains("host died"))
                .anyMatch(l -> l.endsWith("VI_1@1 BACKUP -> MASTER"));
        // Takeover 3.609375 s (+ delivery delay of the last advert, at most 0.5 ms) after the last advert.
        long takeover = Long.parseLong(timeline.getLast().split(" ")[0]);
        assertThat(takeover).isBetween(10_000_000L, 10_000_000L + 3_609_375L + 1_000_000L);
    }

    @Test
    void schedulesReallyExerciseFailovers() {
        int withFailover = 0;
        for (long seed = 1; seed <= 50; seed++) {
            RandomSchedules.Outcome o = RandomSchedules.run(seed);
            assertThat(o.violations()).isEmpty();
            if (o.transitions().contains("MASTER -> BACKUP") || o.transitions().contains("MASTER -> STOP")) {
                withFailover++;
            }
        }
        assertThat(withFailover).as("schedules in which a master lost its role").isGreaterThan(25);
    }
}
