package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on an in-test lossless segment, in virtual time: election, failover when the
 * master dies, and handover on a graceful stop.
 */
class TwoNodeElectionTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Delivers each SendAdvert of one node to the other at the same virtual time, if the link is up. */
    private static final class Segment {
        final InstanceDriver a = new InstanceDriver(InstanceParameters.of("VI_1", 51, 3, 150, 100, ip("10.0.0.1")));
        final InstanceDriver b = new InstanceDriver(InstanceParameters.of("VI_1", 51, 3, 100, 100, ip("10.0.0.2")));
        boolean aAlive = true;
        long now;
        final List<String> timeline = new ArrayList<>();

        void start() {
            deliver(a, a.handle(new Event.Startup(), now));
            deliver(b, b.handle(new Event.Startup(), now));
        }

        void runUntil(long end) {
            while (true) {
                Optional<Long> na = aAlive ? a.nextDeadline() : Optional.empty();
                Optional<Long> nb = b.nextDeadline();
                long next = Math.min(na.orElse(Long.MAX_VALUE), nb.orElse(Long.MAX_VALUE));
                if (next > end) {
                    now = end;
                    return;
                }
                now = next;
                if (aAlive && na.isPresent() && na.get() == next) {
                    deliver(a, a.fireDue(now));
                }
                if (nb.isPresent() && nb.get() == next) {
                    deliver(b, b.fireDue(now));
                }
            }
        }

        void deliver(InstanceDriver from, List<Action> actions) {
            InstanceDriver to = from == a ? b : a;
            boolean toAlive = to != a || aAlive;
            for (Action act : actions) {
                if (act instanceof Action.StateChanged sc) {
                    timeline.add(now + " " + (from == a ? "A" : "B") + " " + sc.to());
                }
                if (act instanceof Action.SendAdvert s && toAlive && (from != a || aAlive)) {
                    deliver(to, to.handle(new Event.AdvertReceived(from.parameters().primaryAddress(), s.priority(),
                            from.parameters().advertIntervalCentis()), now));
                }
            }
        }
    }

    @Test
    void higherPriorityWinsAndBackupTakesOverWhenTheMasterDies() {
        Segment s = new Segment();
        s.start();
        s.runUntil(10_000_000);
        assertThat(s.a.state()).isEqualTo(VrrpState.MASTER);
        assertThat(s.b.state()).isEqualTo(VrrpState.BACKUP);
        // A takes over at its own Master_Down_Interval: 3 s + (256 - 150) * 1 s / 256.
        assertThat(s.timeline).contains("3414062 A MASTER");

        // A's host dies just after an advert at 10.414062 s: B takes over one Master_Down_Interval later.
        s.runUntil(10_414_062);
        s.aAlive = false;
        s.runUntil(20_000_000);
        assertThat(s.b.state()).isEqualTo(VrrpState.MASTER);
        assertThat(s.timeline).contains((10_414_062 + Timing.masterDownIntervalMicros(3, 100, 100, 3)) + " B MASTER");
    }

    @Test
    void gracefulStopHandsOverAfterSkewTime() {
        Segment s = new Segment();
        s.start();
        s.runUntil(5_000_000);
        s.deliver(s.a, s.a.handle(new Event.Shutdown(), s.now));
        s.aAlive = false;
        s.runUntil(6_000_000);
        assertThat(s.b.state()).isEqualTo(VrrpState.MASTER);
        assertThat(s.timeline).contains((5_000_000 + Timing.skewTimeMicros(3, 100, 100)) + " B MASTER");
    }
}
