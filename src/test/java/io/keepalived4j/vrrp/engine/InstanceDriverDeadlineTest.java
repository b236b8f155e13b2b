package io.keepalived4j.vrrp.engine;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The earliest-deadline queries the VRRP loop makes for every instance on every turn: the same
 * answer as {@link InstanceDriver#nextDeadline()}, and no allocation (issue 12: the stream they
 * replaced was most of a 100-instance node's 44 MB/s of garbage).
 */
class InstanceDriverDeadlineTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InstanceDriver driver(int priority) {
        return new InstanceDriver(InstanceParameters.of("VI_1", 51, 3, priority, 10, ip("10.0.0.1")));
    }

    @Test
    void aBackupsNextDeadlineIsItsMasterDownTimer() {
        InstanceDriver d = driver(100);
        d.handle(new Event.Startup(), 0);
        long masterDown = d.deadline(TimerKind.MASTER_DOWN).orElseThrow();
        assertThat(d.nextDeadlineMicros()).isEqualTo(masterDown);
        assertThat(d.nextDeadline()).contains(masterDown);
    }

    @Test
    void aMastersNextDeadlineIsItsEarliestTimerAndFiringMovesIt() {
        InstanceDriver d = driver(255);
        d.handle(new Event.Startup(), 0);
        assertThat(d.state()).isEqualTo(VrrpState.MASTER);
        long first = d.nextDeadlineMicros();
        assertThat(d.nextDeadline()).contains(first);
        assertThat(d.fireNext(first - 1)).isEmpty();
        assertThat(d.fireNext(first)).isPresent();
        assertThat(d.nextDeadlineMicros()).isGreaterThan(first).isEqualTo(d.nextDeadline().orElseThrow());
    }

    @Test
    void theKeptDeadlineFollowsEveryChangeOfTheTimers() {
        InstanceDriver backup = driver(100);
        InstanceDriver master = driver(200);
        backup.handle(new Event.Startup(), 0);
        master.handle(new Event.Startup(), 0);
        long now = 0;
        for (int i = 0; i < 200; i++) {
            now += 37_000;
            master.fireDue(now);
            backup.fireDue(now);
            if (i % 3 == 0) {
                backup.handle(new Event.AdvertReceived(ip("10.0.0.9"), 150, 10), now);
            }
            if (i == 150) {
                master.handle(new Event.AdvertReceived(ip("10.0.0.9"), 250, 10), now);
            }
            for (InstanceDriver d : new InstanceDriver[] {master, backup}) {
                assertThat(d.nextDeadlineMicros()).isEqualTo(d.nextDeadline().orElse(Long.MAX_VALUE));
            }
        }
        InstanceDriver successor = new InstanceDriver(InstanceParameters.of("VI_1", 51, 3, 100, 10, ip("10.0.0.1")),
                VrrpStateMachine.Mutation.NONE, backup.carry());
        assertThat(successor.nextDeadlineMicros()).as("carried over a reload").isEqualTo(backup.nextDeadlineMicros());
    }

    @Test
    void noTimerIsMaxValueAndEmpty() {
        InstanceDriver d = driver(255);
        d.handle(new Event.Startup(), 0);
        d.handle(new Event.Shutdown(), 10);
        assertThat(d.nextDeadlineMicros()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.nextDeadline()).isEmpty();
        assertThat(d.fireNext(Long.MAX_VALUE - 1)).isEmpty();
    }

    @Test
    void askingForTheNextDeadlineAllocatesNothing() {
        InstanceDriver d = driver(100);
        d.handle(new Event.Startup(), 0);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            sum += d.nextDeadlineMicros(); // warm up
        }
        long before = threads.getThreadAllocatedBytes(self);
        for (int i = 0; i < 100_000; i++) {
            sum += d.nextDeadlineMicros();
        }
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        assertThat(sum).isNotZero();
        assertThat(allocated).as("bytes for 100,000 calls").isLessThan(1_024);
    }
}
