package io.keepalived4j.lb.sched;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads picking at once, as the proxy's event loops do: every pick returns a destination
 * of the service and the counts add up; rr and wrr (under their lock) keep their exact shares.
 */
class SchedulerConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PICKS = 5_000;

    static List<String> names() {
        return Schedulers.NAMES;
    }

    private static List<TestDest> dests() {
        return List.of(TestDest.of("A", 1, 1), TestDest.of("B", 2, 2), TestDest.of("C", 3, 3),
                TestDest.of("D", 4, 4));
    }

    /** Runs THREADS x PICKS picks (clients from a seeded random per thread) and counts them by name. */
    private static Map<String, LongAdder> hammer(Scheduler<TestDest> s, long seed, Runnable alongside)
            throws InterruptedException {
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        AtomicLong empties = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed + t);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < PICKS; i++) {
                        String client = "198.51." + random.nextInt(256) + "." + random.nextInt(256);
                        String vip = "192.0.2." + random.nextInt(4);
                        Optional<TestDest> d = s.pick(new SchedRequest(TestDest.ip(client), 1024 + random.nextInt(60000),
                                TestDest.ip(vip), 80));
                        if (d.isPresent()) {
                            counts.computeIfAbsent(d.get().name, k -> new LongAdder()).increment();
                        } else {
                            empties.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failed.set(true);
                }
            }));
        }
        Thread side = Thread.ofPlatform().start(alongside);
        start.countDown();
        for (Thread t : threads) {
            assertThat(t.join(java.time.Duration.ofSeconds(60))).isTrue();
        }
        side.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(failed).isFalse();
        assertThat(empties).hasValue(0);
        return counts;
    }

    private static long total(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @ParameterizedTest
    @MethodSource("names")
    void picksFromSeveralThreadsWhileTheSetIsUpdated(String name) throws InterruptedException {
        long seed = Long.getLong("sched.seed", System.nanoTime()); // replay: -Dsched.seed=N
        System.out.println("SchedulerConcurrencyTest " + name + " seed " + seed);
        Scheduler<TestDest> s = Scheduler.create(name, Set.of());
        List<TestDest> dests = dests();
        s.update(dests);
        Map<String, LongAdder> counts = hammer(s, seed, () -> {
            for (int i = 0; i < 200; i++) {
                s.update(dests);
                Thread.onSpinWait();
            }
        });
        assertThat(total(counts)).isEqualTo((long) THREADS * PICKS);
        assertThat(counts.keySet()).isSubsetOf("A", "B", "C", "D");
    }

    @Test
    void roundRobinSharesStayExactUnderConcurrency() throws InterruptedException {
        Scheduler<TestDest> rr = Scheduler.create("rr", Set.of());
        rr.update(dests());
        Map<String, LongAdder> counts = hammer(rr, 1, () -> { });
        for (String n : List.of("A", "B", "C", "D")) {
            assertThat(counts.get(n).sum()).as(n).isEqualTo(THREADS * PICKS / 4);
        }
    }

    @Test
    void weightedRoundRobinSharesStayExactUnderConcurrency() throws InterruptedException {
        Scheduler<TestDest> wrr = Scheduler.create("wrr", Set.of());
        wrr.update(dests());
        Map<String, LongAdder> counts = hammer(wrr, 2, () -> { });
        // weights 1 2 3 4: 20 000 picks are 2 000 whole cycles of 10
        assertThat(counts.get("A").sum()).isEqualTo(2_000);
        assertThat(counts.get("B").sum()).isEqualTo(4_000);
        assertThat(counts.get("C").sum()).isEqualTo(6_000);
        assertThat(counts.get("D").sum()).isEqualTo(8_000);
    }
}
