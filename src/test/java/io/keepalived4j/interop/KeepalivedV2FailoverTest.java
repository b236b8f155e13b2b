package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static io.keepalived4j.interop.KeepalivedV2ElectionTest.v2Lab;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.LogFile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Failover between two nodes (VRRPv2 with PASS authentication, advert_int 1 s, lb1 priority 100,
 * lb2 90), each keepalived 2.2.7 or keepalived4j in every combination, with the bounds of RFC 3768
 * section 6.1 measured on the VIP itself.
 */
class KeepalivedV2FailoverTest {

    private static final Duration ADVERT = Duration.ofSeconds(1);
    // RFC 3768 6.1: Skew_Time = (256 - Priority) / 256 s, Master_Down_Interval = 3 * Advertisement_Interval + Skew_Time.
    private static final Duration SKEW_90 = Duration.ofNanos((256 - 90) * 1_000_000_000L / 256); // 648 ms
    private static final Duration MASTER_DOWN_90 = ADVERT.multipliedBy(3).plus(SKEW_90); // 3648 ms
    // Scheduling, process start-up and netlink delivery on a shared 2-core machine.
    private static final Duration SLACK = Duration.ofMillis(400);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void backupTakesOverWithinMasterDownIntervalWhenTheMasterHostDiesAndMasterPreemptsOnReturn(Pairing pair) {
        try (TwoNodeLab t = v2Lab(pair.lb1(), pair.lb2(), 5)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(10));
            sleep(ADVERT.multipliedBy(3).dividedBy(2)); // lb2 has heard lb1 at least once
            LogFile.Mark beforeFailure = t.lb2.log().mark();

            Instant died = Instant.now();
            t.lb1Host.linkDown();
            Instant tookOver = t.watcher.awaitSingleHolder(t.lb2Host, MASTER_DOWN_90.plus(Duration.ofSeconds(3)));

            // lb1 died somewhere in its advert cycle, so lb2 timed out between MDI - advert_int and MDI after it.
            assertThat(Duration.between(died, tookOver)).as(t.watcher.describe())
                    .isBetween(MASTER_DOWN_90.minus(ADVERT).minus(SLACK), MASTER_DOWN_90.plus(SLACK));
            assertThat(t.lb2.log().since(beforeFailure)).contains("(VI_1) Entering MASTER STATE");
            // keepalived on the dead host went to FAULT and removed its VIP: never two holders.
            assertThat(t.watcher.maxSimultaneousHoldersSince(died)).as(t.watcher.describe()).isEqualTo(1);

            LogFile.Mark beforeReturn = t.lb2.log().mark();
            Instant back = Instant.now();
            t.lb1Host.linkUp();
            Instant preempted = t.watcher.awaitSingleHolder(t.lb1Host, MASTER_DOWN_90.plus(Duration.ofSeconds(3)));

            t.lb2.waitForLog(beforeReturn, "\\(VI_1\\) Entering BACKUP STATE", Duration.ofSeconds(2));
            assertThat(Duration.between(back, preempted)).as(t.watcher.describe())
                    .isLessThan(MASTER_DOWN_90.plus(SLACK));
            assertThat(t.client.reaches(t.vip)).isTrue();
            assertThat(t.client.neighbourMac(t.vip)).contains(t.lb1Host.mac());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void gracefulStopHandsTheVipOverAfterSkewTimeNotMasterDownInterval(Pairing pair) {
        try (TwoNodeLab t = v2Lab(pair.lb1(), pair.lb2(), 5)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(10));
            sleep(ADVERT.multipliedBy(3).dividedBy(2));

            Instant stopped = Instant.now();
            t.lb1.stop();
            Instant tookOver = t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(3));

            // RFC 3768 6.4.2: a priority-0 advert makes the backup wait Skew_Time only (648 ms for priority 90).
            assertThat(Duration.between(stopped, tookOver)).as(t.watcher.describe())
                    .isBetween(SKEW_90.minus(Duration.ofMillis(150)), SKEW_90.plus(SLACK));
            assertThat(t.lb1.log().text()).contains("(VI_1) sent 0 priority");
            assertThat(t.lb2.log().text()).contains("(VI_1) Backup received priority 0 advertisement");
            assertThat(t.lb1.isRunning()).isFalse();
            assertThat(t.watcher.maxSimultaneousHoldersSince(stopped)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.client.reaches(t.vip)).isTrue();
            assertThat(t.client.neighbourMac(t.vip)).contains(t.lb2Host.mac());
        }
    }
}
