package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EffectivePriorityTest {

    private static TrackerStatus.UpDown upDown(boolean up, int weight, boolean reverse) {
        return new TrackerStatus.UpDown("chk", up, weight, reverse);
    }

    @Test
    void positiveWeightIsAddedWhileUpNegativeSubtractedWhileDown() {
        assertThat(EffectivePriority.of(100, List.of(upDown(true, 20, false))).priority()).isEqualTo(120);
        assertThat(EffectivePriority.of(100, List.of(upDown(false, 20, false))).priority()).isEqualTo(100);
        assertThat(EffectivePriority.of(100, List.of(upDown(false, -30, false))).priority()).isEqualTo(70);
        assertThat(EffectivePriority.of(100, List.of(upDown(true, -30, false))).priority()).isEqualTo(100);
    }

    @Test
    void reverseSwapsWhichStateEarnsTheWeight() {
        assertThat(EffectivePriority.of(100, List.of(upDown(false, 20, true))).priority()).isEqualTo(120);
        assertThat(EffectivePriority.of(100, List.of(upDown(true, -30, true))).priority()).isEqualTo(70);
    }

    @Test
    void resultIsClampedToOneThrough254AndTheOwnerIsNeverAdjusted() {
        assertThat(EffectivePriority.of(250, List.of(upDown(true, 50, false))).priority()).isEqualTo(254);
        assertThat(EffectivePriority.of(10, List.of(upDown(false, -50, false))).priority()).isEqualTo(1);
        assertThat(EffectivePriority.of(255, List.of(upDown(false, -50, false))).priority()).isEqualTo(255);
    }

    @Test
    void unweightedTrackerDownMeansFault() {
        EffectivePriority.Result r = EffectivePriority.of(100, List.of(upDown(true, 10, false),
                new TrackerStatus.UpDown("eth1", false, 0, false)));
        assertThat(r.fault()).isTrue();
        assertThat(r.faultBy()).contains("eth1");
    }

    @Test
    void trackFileMultipliesTheValueAndFaultsBelowMinus253() {
        assertThat(EffectivePriority.of(100, List.of(new TrackerStatus.FileValue("f", 3, 5, false))).priority()).isEqualTo(115);
        assertThat(EffectivePriority.of(100, List.of(new TrackerStatus.FileValue("f", 3, 5, true))).priority()).isEqualTo(85);
        assertThat(EffectivePriority.of(100, List.of(new TrackerStatus.FileValue("f", -300, 1, false))).fault()).isTrue();
        assertThat(EffectivePriority.of(100, List.of(new TrackerStatus.FileValue("f", 1, 0, false))).fault()).isTrue();
        assertThat(EffectivePriority.of(100, List.of(new TrackerStatus.FileValue("f", 0, 0, false))).fault()).isFalse();
    }

    @Test
    void riseAndFallNeedConsecutiveResults() {
        RiseFall rf = RiseFall.initial(2, 3, false);
        assertThat(rf.up()).isFalse();
        rf = rf.record(true);
        assertThat(rf.up()).as("starts one success away from up").isTrue();
        rf = rf.record(false).record(false);
        assertThat(rf.up()).isTrue();
        rf = rf.record(true).record(false).record(false);
        assertThat(rf.up()).as("a success in between resets the count").isTrue();
        rf = rf.record(false);
        assertThat(rf.up()).isFalse();
        rf = rf.record(true);
        assertThat(rf.up()).isFalse();
        assertThat(rf.record(true).up()).isTrue();
        assertThat(RiseFall.initial(2, 3, true).record(true).up()).as("init_fail needs the full rise").isFalse();
    }
}
