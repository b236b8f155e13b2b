package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.keepalived4j.lb.sched.TestDest.picks;
import static io.keepalived4j.lb.sched.TestDest.to;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * lblc against ip_vs_lblc.c, with a clock the test moves. A, B, C (weight 1) added in that order:
 * the kernel's list C, B, A, so wlc's choice among equals is C.
 */
class LocalityBasedLeastConnectionTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong now = new AtomicLong();
    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 1);
    private final TestDest c = TestDest.of("C", 3, 1);
    private final LocalityBasedLeastConnection<TestDest> lblc = new LocalityBasedLeastConnection<>(now::get);

    static InetAddress vip(int i) {
        return TestDest.ip("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff));
    }

    @Test
    void cachesTheDestinationPerVirtualAddress() {
        lblc.update(List.of(a, b, c));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        c.active = 1;
        // wlc would now say B; the cache keeps C (1 connection is not more than weight 1)
        assertThat(picks(lblc, 2, to("10.9.0.1"))).isEqualTo("C C");
        assertThat(picks(lblc, 1, to("10.9.0.2"))).isEqualTo("B");
        assertThat(lblc.cached()).isEqualTo(2);
    }

    @Test
    void leavesTheCachedServerOnlyWhenOverItsWeightWhileAnotherIsUnderHalf() {
        lblc.update(List.of(a, b, c));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        c.active = 2;
        b.active = 1;
        a.active = 1;
        // C: 2 > 1, but nobody has activeconns * 2 < weight (2 < 1 is false)
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        a.active = 0;
        // now A: 0 < 1, C counts as overloaded: wlc C 512, B 256, A 0 -> A, which is cached
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("A");
        a.active = 1;
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("A");
    }

    @Test
    void theOverloadFlagIsNotCheckedForTheCachedServer() {
        lblc.update(List.of(a, b, c));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        a.overloaded = b.overloaded = c.overloaded = true;
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        assertThat(picks(lblc, 1, to("10.9.0.2"))).isEqualTo("-");
    }

    @Test
    void reschedulesWhenTheCachedServerIsQuiescedOrRemoved() {
        lblc.update(List.of(a, b, c));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        c.weight = 0;
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("B");
        c.weight = 1;
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("B");
        lblc.update(List.of(a, c));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        lblc.update(List.of(a, c, b));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        lblc.update(List.of());
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("-");
    }

    /**
     * The expiry timer ticks every minute from creation; every 30th quiet tick (30 min, 60 min, ...)
     * drops entries unused for 24 h. Used at 1 s, an entry survives the check at 24 h 00 and goes at
     * 24 h 30.
     */
    @Test
    void forgetsAnAddressUnusedForADay() {
        lblc.update(List.of(a, b, c));
        now.set(TimeUnit.SECONDS.toNanos(1));
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("C");
        c.active = 1;
        for (int minute = 1; minute <= 1469; minute++) {
            now.set(minute * MINUTE);
            lblc.pick(to("10.9.0.2"));
        }
        assertThat(lblc.cached()).isEqualTo(2);
        now.set(1470 * MINUTE);
        lblc.pick(to("10.9.0.2"));
        assertThat(lblc.cached()).isEqualTo(1);
        // scheduled afresh: wlc C 256, B 0, A 0 -> B
        assertThat(picks(lblc, 1, to("10.9.0.1"))).isEqualTo("B");
    }

    /**
     * Over max_size (16384) entries, each tick drops entries unused for 6 minutes, bucket by bucket
     * from the rover, until (entries - 16384) * 4 / 3 have gone.
     */
    @Test
    void shedsEntriesIdleForSixMinutesWhenOverTheMaximumSize() {
        lblc.update(List.of(a, b, c));
        int filled = LocalityTable.MAX_SIZE + 100;
        for (int i = 0; i < filled; i++) {
            lblc.pick(new SchedRequest(vip(0), 1, vip(i), 80));
        }
        InetAddress trigger = TestDest.ip("192.0.2.99");
        for (int minute = 1; minute <= 5; minute++) {
            now.set(minute * MINUTE);
            lblc.pick(new SchedRequest(vip(0), 1, trigger, 80));
        }
        assertThat(lblc.cached()).isEqualTo(filled + 1); // nothing was idle for 6 minutes yet
        now.set(6 * MINUTE);
        lblc.pick(new SchedRequest(vip(0), 1, trigger, 80));
        int goal = (filled + 1 - LocalityTable.MAX_SIZE) * 4 / 3; // 134
        assertThat(lblc.cached()).isBetween(filled + 1 - goal - 64, filled + 1 - goal);
    }

    @Test
    void theTableIsBoundedAndStillSchedulesBeyondTheBound() {
        lblc.update(List.of(a, b, c));
        for (int i = 0; i < LocalityTable.HARD_LIMIT + 10; i++) {
            assertThat(lblc.pick(new SchedRequest(vip(0), 1, vip(i), 80))).isPresent();
        }
        assertThat(lblc.cached()).isEqualTo(LocalityTable.HARD_LIMIT);
        assertThat(lblc.notCached()).isEqualTo(10);
    }
}
