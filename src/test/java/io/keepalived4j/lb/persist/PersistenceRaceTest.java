package io.keepalived4j.lb.persist;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.keepalived4j.lb.persist.Fixtures.WEB;
import static io.keepalived4j.lb.persist.Fixtures.at;
import static io.keepalived4j.lb.persist.Fixtures.dest;
import static org.assertj.core.api.Assertions.assertThat;

/** Several event-loop threads at once: they agree on each client's server, and the bound holds. */
class PersistenceRaceTest {

    private static final int THREADS = 4;

    private static InetAddress client(int i) {
        return Fixtures.ip("198.18." + (i >> 8) + "." + (i & 0xff));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void concurrentBindsOfOneClientAgreeOnItsServer(long seed) throws Exception {
        System.out.println("PersistenceRaceTest seed " + seed);
        PersistenceTable table = new PersistenceTable();
        table.addService(WEB, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.HOST));
        List<InetSocketAddress> dests = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            dests.add(dest("10.0.1." + (t + 1), 80));
            table.setDestination(WEB, dests.get(t), 1);
        }
        int clients = 2_000;
        Map<InetAddress, InetSocketAddress> seen = new ConcurrentHashMap<>();
        AtomicLong disagreements = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < clients; i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(seed * 31 + me));
                    start.await();
                    for (int i : order) {
                        InetAddress c = client(i);
                        Binding b = table.lookup(WEB, c, at(0))
                                .or(() -> table.bind(WEB, c, dests.get(me), at(0))).orElseThrow();
                        InetSocketAddress prev = seen.putIfAbsent(c, b.destination());
                        if (prev != null && !prev.equals(b.destination())) {
                            disagreements.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(disagreements.get()).isZero();
        assertThat(table.size()).isEqualTo(clients);
        assertThat(table.counters().created()).isEqualTo(clients);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void churnUnderABoundNeverLeaksASlot(long seed) throws Exception {
        System.out.println("PersistenceRaceTest seed " + seed);
        PersistenceTable table = Fixtures.table(64, false, Optional.empty());
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random r = new Random(seed * 17 + t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        InetAddress c = client(r.nextInt(256));
                        long now = at(i / 10);      // 2,000 s of virtual time: templates come and go
                        Optional<Binding> b = table.lookup(WEB, c, now).or(() -> table.bind(WEB, c, Fixtures.RS1, now));
                        if (b.isPresent() && r.nextInt(4) == 0) {
                            table.connectionOpened(b.get());
                            table.connectionClosed(b.get(), now);
                        }
                        assertThat(table.size()).isBetween(0, 64);
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    table.expire(at(i));
                }
                return null;
            }));
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(table.size()).isEqualTo(table.view().size());
        table.expire(at(10_000));
        assertThat(table.size()).isZero();
        assertThat(table.view()).isEmpty();
        assertThat(table.refusals()).as("the bound was reached").isPositive();
    }
}
