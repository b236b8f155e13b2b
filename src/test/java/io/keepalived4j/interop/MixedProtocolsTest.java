package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.Lab;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * VRRPv3 over IPv4 with sub-second adverts, and VRRPv2 over unicast peers, between keepalived
 * 2.2.7 and keepalived4j in every pairing: one holder once quiet, takeover within Skew_Time on a
 * graceful stop and within Master_Down_Interval when the master's host dies.
 */
class MixedProtocolsTest {

    // Scheduling, process start-up and netlink delivery on a shared 2-core machine.
    private static final Duration SLACK = Duration.ofMillis(400);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    private static TwoNodeLab v3Ipv4(Pairing pair) {
        return TwoNodeLab.create(pair.lb1(), pair.lb2(), lab -> lab.vip4(2),
                (vip, id, state, prio) -> new VrrpConfig(id, 3, state, 53, prio, "0.1", vip, Lab.PREFIX4, 1).render());
    }

    /** Each node sends to the other's address only: unicast_src_ip and one unicast_peer. */
    private static TwoNodeLab unicastV2(Pairing pair) {
        return TwoNodeLab.create(pair.lb1(), pair.lb2(), lab -> lab.vip4(3), (lab, vip, id, state, prio) -> {
            String peer = id.equals("lb1") ? "lb2" : "lb1";
            return new VrrpConfig(id, 2, state, 54, prio, "1", vip, Lab.PREFIX4, 5).render("""
                    unicast_src_ip %s
                    unicast_peer {
                        %s
                    }
                    """.formatted(lab.host(id).address4().getHostAddress(), lab.host(peer).address4().getHostAddress()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void v3Ipv4SubSecondAdvertsElectHandOverAndFailOver(Pairing pair) {
        Duration advert = Duration.ofMillis(100);
        // RFC 5798 6.1 for priority 90: Skew_Time 64.8 ms, Master_Down_Interval 364.8 ms.
        Duration skew = Duration.ofNanos((256 - 90) * advert.toNanos() / 256);
        Duration masterDown = advert.multipliedBy(3).plus(skew);
        try (TwoNodeLab t = v3Ipv4(pair)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(10));
            Instant quiet = Instant.now();
            sleep(advert.multipliedBy(15));
            assertThat(t.watcher.maxSimultaneousHoldersSince(quiet)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb1");

            Instant stopped = Instant.now();
            t.lb1.stop();
            Instant tookOver = t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(3));
            assertThat(Duration.between(stopped, tookOver)).as(t.watcher.describe()).isLessThan(skew.plus(SLACK));
            assertThat(t.watcher.maxSimultaneousHoldersSince(stopped)).as(t.watcher.describe()).isEqualTo(1);

            t.lb1.start();
            t.watcher.awaitSingleHolder(t.lb1Host, Duration.ofSeconds(10));
            sleep(advert.multipliedBy(5));
            Instant died = Instant.now();
            t.lb1Host.linkDown();
            Instant replaced = t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(3));
            assertThat(Duration.between(died, replaced)).as(t.watcher.describe())
                    .isBetween(masterDown.minus(advert).minusMillis(100), masterDown.plus(SLACK));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void unicastPeersElectHandOverAndFailOver(Pairing pair) {
        Duration skew = Duration.ofNanos((256 - 90) * 1_000_000_000L / 256);
        Duration masterDown = Duration.ofSeconds(3).plus(skew);
        try (TwoNodeLab t = unicastV2(pair)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(10));
            Instant quiet = Instant.now();
            sleep(Duration.ofMillis(2500));
            assertThat(t.watcher.maxSimultaneousHoldersSince(quiet)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.lb2.log().text()).doesNotContain("Entering MASTER STATE");

            Instant stopped = Instant.now();
            t.lb1.stop();
            Instant tookOver = t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(3));
            assertThat(Duration.between(stopped, tookOver)).as(t.watcher.describe()).isLessThan(skew.plus(SLACK));

            t.lb1.start();
            t.watcher.awaitSingleHolder(t.lb1Host, Duration.ofSeconds(10));
            sleep(Duration.ofMillis(1500));
            Instant died = Instant.now();
            t.lb1Host.linkDown();
            Instant replaced = t.watcher.awaitSingleHolder(t.lb2Host, masterDown.plusSeconds(3));
            assertThat(Duration.between(died, replaced)).as(t.watcher.describe())
                    .isBetween(masterDown.minusSeconds(1).minus(SLACK), masterDown.plus(SLACK));
        }
    }
}
