package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.keepalived4j.lb.sched.LocalityBasedLeastConnectionTest.vip;
import static io.keepalived4j.lb.sched.TestDest.picks;
import static io.keepalived4j.lb.sched.TestDest.to;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * lblcr against ip_vs_lblcr.c, with a clock the test moves. A, B, C (weight 1) added in that order:
 * the kernel's list C, B, A.
 */
class LocalityBasedLeastConnectionWithReplicationTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final InetAddress VIP = TestDest.ip("10.9.0.1");

    private final AtomicLong now = new AtomicLong();
    private final TestDest a = TestDest.of("A", 1, 1);
    private final TestDest b = TestDest.of("B", 2, 1);
    private final TestDest c = TestDest.of("C", 3, 1);
    private final LocalityBasedLeastConnectionWithReplication<TestDest> lblcr =
            new LocalityBasedLeastConnectionWithReplication<>(now::get);

    private List<String> members() {
        return lblcr.members(VIP).stream().map(k -> k.address().getHostAddress()).toList();
    }

    @Test
    void growsTheSetWhenItsLeastLoadedMemberIsOverloaded() {
        lblcr.update(List.of(a, b, c));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("C");
        c.active = 2;
        // set {C}: C 2 > 1 and B 0 * 2 < 1: wlc over the service C 512, B 0, A 0 -> B joins at the head
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B");
        assertThat(members()).containsExactly("10.0.0.2", "10.0.0.3");
        b.active = 1;
        // set min over B 256, C 512 -> B, not overloaded (1 > 1 is false)
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B");
        b.active = 2;
        // B 512, C 512: B (first); 2 > 1 with A under half -> wlc C 512, B 512, A 0 -> A joins
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("A");
        assertThat(members()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    /** A set with several members unchanged for lblcr_expiration (24 h) loses its most loaded one. */
    @Test
    void dropsTheMostLoadedMemberOfASetUnchangedForADay() {
        lblcr.update(List.of(a, b, c));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("C");
        c.active = 2;
        now.set(TimeUnit.SECONDS.toNanos(1));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B"); // set changed at 1 s
        for (int hour = 1; hour <= 24; hour++) {
            now.set(TimeUnit.SECONDS.toNanos(1) + hour * HOUR);
            assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B");
        }
        assertThat(members()).hasSize(2); // exactly 24 h: not yet (time_after is strict)
        now.incrementAndGet();
        // set max: B 0 / 1, C 512 / 1 -> C goes; B was chosen before
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B");
        assertThat(members()).containsExactly("10.0.0.2");
    }

    @Test
    void aMemberThatLeftTheServiceIsSkippedUntilItComesBack() {
        lblcr.update(List.of(a, b, c));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("C");
        c.active = 2;
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B");
        c.active = 0;
        lblcr.update(List.of(a, c));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("C");
        assertThat(members()).containsExactly("10.0.0.2", "10.0.0.3");
        lblcr.update(List.of(a, c, b));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("B");
    }

    @Test
    void noDestinationWhenTheServiceHasNone() {
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("-");
        a.weight = 0;
        lblcr.update(List.of(a));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("-");
        assertThat(lblcr.cached()).isZero();
    }

    @Test
    void forgetsAnAddressUnusedForADay() {
        lblcr.update(List.of(a, b, c));
        now.set(TimeUnit.SECONDS.toNanos(1));
        assertThat(picks(lblcr, 1, to("10.9.0.1"))).isEqualTo("C");
        for (int minute = 1; minute <= 1470; minute++) {
            now.set(TimeUnit.MINUTES.toNanos(minute));
            lblcr.pick(to("10.9.0.2"));
            if (minute == 1469) {
                assertThat(lblcr.cached()).isEqualTo(2);
            }
        }
        assertThat(lblcr.cached()).isEqualTo(1);
        assertThat(members()).isEmpty();
    }

    @Test
    void theTableIsBoundedAndStillSchedulesBeyondTheBound() {
        lblcr.update(List.of(a, b, c));
        for (int i = 0; i < LocalityTable.HARD_LIMIT + 10; i++) {
            assertThat(lblcr.pick(new SchedRequest(vip(0), 1, vip(i), 80))).isPresent();
        }
        assertThat(lblcr.cached()).isEqualTo(LocalityTable.HARD_LIMIT);
        assertThat(lblcr.notCached()).isEqualTo(10);
    }
}
