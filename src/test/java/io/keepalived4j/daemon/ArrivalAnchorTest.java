package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalAnchorTest {

    /** The loop's clock in microseconds and the wall clock in nanoseconds, both set by the test. */
    private long loop = 1_000_000;
    private long wall = 1_700_000_000_000_000_000L;
    private final ArrivalAnchor anchor = new ArrivalAnchor(() -> loop, () -> wall);

    /** One batch read at loop time {@code at}: the previous read is then this one. */
    private void batch(long at) {
        loop = at;
        anchor.begin(at);
        anchor.end();
    }

    @Test
    void aStampedPacketCountsFromItsArrivalNotFromTheRead() {
        batch(1_000_000);
        loop = 1_050_000;
        wall += 50_000_000;
        anchor.begin(1_049_000);

        // Reached the kernel 3 ms before the loop read it.
        assertThat(anchor.arrived(wall - 3_000_000)).isEqualTo(1_047_000);
        assertThat(anchor.arrived(wall - 250_000)).isEqualTo(1_049_750);
    }

    @Test
    void withoutAStampItCountsFromTheWakeUpAsBefore() {
        batch(1_000_000);
        anchor.begin(1_020_000);
        loop = 1_020_500;

        assertThat(anchor.arrived(0)).isEqualTo(1_020_000);
    }

    @Test
    void aStampAfterTheReadMeansTheWallClockWentBackAndCountsAsNow() {
        batch(1_000_000);
        loop = 1_010_000;
        anchor.begin(loop);

        assertThat(anchor.arrived(wall + 2_000_000_000L)).isEqualTo(1_010_000);
    }

    @Test
    void aStampOlderThanThePreviousReadCountsFromThatRead() {
        batch(1_000_000);
        loop = 1_010_000;
        anchor.begin(loop);

        // The wall clock was stepped forward an hour, or the packet was left queued by the last batch.
        assertThat(anchor.arrived(wall - 3_600_000_000_000L)).isEqualTo(1_000_000);
    }

    @Test
    void theFirstBatchOfASocketIsNotShifted() {
        loop = 5_000_000;
        anchor.begin(loop);

        assertThat(anchor.arrived(wall - 3_000_000)).isEqualTo(5_000_000);
    }

    @Test
    void theClocksAreReadOnceABatch() {
        batch(1_000_000);
        loop = 1_010_000;
        anchor.begin(loop);
        long first = anchor.arrived(wall - 1_000_000);
        loop += 700; // the batch goes on; the packets keep their place relative to each other
        wall += 700_000;

        assertThat(first).isEqualTo(1_009_000);
        assertThat(anchor.arrived(wall - 700_000 - 500_000)).isEqualTo(1_009_500);
    }
}
