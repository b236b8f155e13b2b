package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.Lab;
import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 5798 (VRRPv3) over IPv6 between two nodes (keepalived 2.2.7 or keepalived4j, every pairing), advert_int 0.1 s: adverts to
 * ff02::12 from eth0's link-local address, the VIP announced by unsolicited neighbour advertisement.
 */
class KeepalivedV3Ipv6ElectionTest {

    private static final Duration ADVERT = Duration.ofMillis(100);
    // RFC 5798 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256 = 65 ms for priority 90.
    private static final Duration SKEW_90 = Duration.ofNanos((256 - 90) * ADVERT.toNanos() / 256);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    private static TwoNodeLab v3Lab(Pairing pair) {
        return TwoNodeLab.create(pair.lb1(), pair.lb2(), lab -> lab.vip6(1),
                (vip, id, state, prio) -> new VrrpConfig(id, 3, state, 52, prio, "0.1", vip, Lab.PREFIX6, 1).render());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void higherPriorityNodeHoldsTheIpv6VipAndHandsItOverOnStop(Pairing pair) {
        try (TwoNodeLab t = v3Lab(pair)) {
            assertThat(t.vip).isInstanceOf(Inet6Address.class);
            t.lb1.start();
            t.lb2.start();
            t.watcher.awaitSingleHolder(t.lb1Host, Duration.ofSeconds(5));
            t.lb2.waitForLog("\\(VI_6\\) Entering BACKUP STATE", Duration.ofSeconds(5));
            Instant quiet = Instant.now();

            sleep(ADVERT.multipliedBy(10)); // ten adverts; lb2 would time out after 365 ms without them

            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb1");
            assertThat(t.watcher.maxSimultaneousHoldersSince(quiet)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.lb2.log().text()).doesNotContain("(VI_6) Entering MASTER STATE");
            assertThat(t.client.reaches(t.vip)).isTrue();
            assertThat(t.client.neighbourMac(t.vip)).contains(t.lb1Host.mac());

            Instant stopped = Instant.now();
            t.lb1.stop();
            Instant tookOver = t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(2));

            assertThat(Duration.between(stopped, tookOver)).as(t.watcher.describe())
                    .isLessThan(SKEW_90.plusMillis(400));
            assertThat(t.lb2.log().text()).contains("(VI_6) Backup received priority 0 advertisement");
            assertThat(t.watcher.maxSimultaneousHoldersSince(stopped)).as(t.watcher.describe()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void crashedMasterIsReplacedAfterMasterDownIntervalAndKeepsItsStaleVip(Pairing pair) {
        try (TwoNodeLab t = v3Lab(pair)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(5));
            sleep(ADVERT.multipliedBy(5));

            Instant crashed = Instant.now();
            t.lb1.kill9();
            Instant tookOver = t.watcher.awaitHolders(java.util.Set.of("lb1", "lb2"), Duration.ofSeconds(2));

            // No priority-0 advert from a SIGKILLed daemon: lb2 waits out Master_Down_Interval
            // (3 * 100 + 65 = 365 ms after lb1's last advert), not just Skew_Time (65 ms).
            Duration masterDown = ADVERT.multipliedBy(3).plus(SKEW_90);
            assertThat(Duration.between(crashed, tookOver)).as(t.watcher.describe())
                    .isBetween(masterDown.minus(ADVERT).minusMillis(100), masterDown.plusMillis(400));
            assertThat(t.lb1.isRunning()).isFalse();
            assertThat(t.lb1.log().text()).doesNotContain("sent 0 priority");
        }
    }
}
