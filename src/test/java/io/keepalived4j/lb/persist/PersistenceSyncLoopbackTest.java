package io.keepalived4j.lb.persist;

import io.keepalived4j.lb.persist.PersistenceTable.InstallOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static io.keepalived4j.lb.persist.Fixtures.RS1;
import static io.keepalived4j.lb.persist.Fixtures.RS2;
import static io.keepalived4j.lb.persist.Fixtures.RS3;
import static io.keepalived4j.lb.persist.Fixtures.WEB;
import static io.keepalived4j.lb.persist.Fixtures.WEB6;
import static io.keepalived4j.lb.persist.Fixtures.dest;
import static io.keepalived4j.lb.persist.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two directors on loopback, each with its own table and sync socket: what one binds, the other
 * learns, so a client that reconnects after a failover reaches the same real server. Garbage on
 * the sync port is counted and changes nothing.
 */
class PersistenceSyncLoopbackTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ONLY_ON_A = "[10.0.0.1]:tcp:8443";
    private static final InetSocketAddress RS6 = dest("2001:db8::10", 443);

    private static PersistenceTable director(boolean withOnlyOnA) {
        PersistenceTable t = new PersistenceTable();
        t.addService(WEB, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.HOST));
        t.addService(WEB6, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.parse("64", Optional.empty()).orElseThrow()));
        for (InetSocketAddress d : List.of(RS1, RS2, RS3)) {
            t.setDestination(WEB, d, 1);
        }
        t.setDestination(WEB6, RS6, 1);
        if (withOnlyOnA) {
            t.addService(ONLY_ON_A, new PersistencePolicy(Fixtures.TIMEOUT, Granularity.HOST));
            t.setDestination(ONLY_ON_A, RS1, 1);
        }
        return t;
    }

    private static DatagramChannel loopbackChannel(String address) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(ip(address), 0));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited %s for %s", WAIT, what).isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void theBackupLearnsTheMastersClientsAndAnswersWithTheSameServers() throws Exception {
        PersistenceTable a = director(true);
        PersistenceTable b = director(false);
        List<String> failures = new CopyOnWriteArrayList<>();
        DatagramChannel chA = loopbackChannel("127.0.0.1");
        DatagramChannel chB;
        try {
            chB = loopbackChannel("127.0.0.1");
        } catch (IOException e) {
            chA.close();
            throw e;
        }
        InetSocketAddress addrA = (InetSocketAddress) chA.getLocalAddress();
        InetSocketAddress addrB = (InetSocketAddress) chB.getLocalAddress();
        SyncSettings sa = SyncSettings.unicast(51, addrA, List.of(addrB)).withNodeId(1).withMaxDatagram(512);
        SyncSettings sb = SyncSettings.unicast(51, addrB, List.of(addrA)).withNodeId(2).withMaxDatagram(512);
        PersistenceSync syncB;
        try (PersistenceSync syncA = PersistenceSync.start(a, sa, System::nanoTime, failures::add, chA)) {
            syncB = PersistenceSync.start(b, sb, System::nanoTime, failures::add, chB);
            try (syncB; DatagramChannel stranger = DatagramChannel.open(StandardProtocolFamily.INET)) {
                // A is MASTER: 100 IPv4 clients and 20 IPv6 networks get their servers.
                Map<InetAddress, InetSocketAddress> chosen = new HashMap<>();
                List<InetSocketAddress> pool = List.of(RS1, RS2, RS3);
                for (int i = 0; i < 100; i++) {
                    InetAddress c = ip("198.51.100." + i);
                    Binding bound = a.bind(WEB, c, pool.get(i % 3), System.nanoTime()).orElseThrow();
                    a.connectionOpened(bound);
                    chosen.put(c, bound.destination());
                }
                for (int i = 0; i < 20; i++) {
                    a.bind(WEB6, ip("2001:db8:" + Integer.toHexString(i + 1) + "::1"), RS6, System.nanoTime());
                }
                a.bind(ONLY_ON_A, ip("198.51.100.1"), RS1, System.nanoTime());
                await("B to learn 120 templates", () -> b.size() == 120);
                assertThat(b.size()).isEqualTo(120);

                // A fails over to B: the clients reconnect to B and reach the servers they had.
                for (var e : chosen.entrySet()) {
                    assertThat(b.lookup(WEB, e.getKey(), System.nanoTime()).map(Binding::destination)).contains(e.getValue());
                }
                assertThat(b.lookup(WEB6, ip("2001:db8:7::99"), System.nanoTime()).map(Binding::destination)).contains(RS6);
                assertThat(b.lookup(ONLY_ON_A, ip("198.51.100.1"), System.nanoTime())).isEmpty();
                await("the unknown service to be counted", () -> syncB.counters().installs(InstallOutcome.UNKNOWN_SERVICE) == 1);

                // Garbage on B's sync port, from the peer's address: counted, dropped.
                stranger.bind(new InetSocketAddress(ip("127.0.0.1"), 0));
                Random r = new Random(42);
                List<byte[]> garbage = new ArrayList<>();
                garbage.add(new byte[0]);
                garbage.add(SyncCodecTest.hex("4b344a50"));
                garbage.add(SyncCodecTest.hex("4b344a5002"));
                garbage.add(SyncCodecTest.hex("4b344a50" + "01" + "33" + "ffff" + "0102030405060708" + SyncCodecTest.IPV4_ENTRY));
                for (int i = 0; i < 20; i++) {
                    byte[] g = new byte[1 + r.nextInt(1400)];
                    r.nextBytes(g);
                    garbage.add(g);
                }
                for (byte[] g : garbage) {
                    stranger.send(ByteBuffer.wrap(g), addrB);
                }
                // Another cluster's sync id, and B's own node id: both ignored.
                SyncEntry other = new SyncEntry(WEB, ip("203.0.113.1"), RS1, 100_000);
                stranger.send(ByteBuffer.wrap(SyncCodec.encode(new SyncMessage(52, 1, List.of(other)))), addrB);
                stranger.send(ByteBuffer.wrap(SyncCodec.encode(new SyncMessage(51, 2, List.of(other)))), addrB);
                await("B to drop the garbage", () -> syncB.counters().malformedTotal() == garbage.size()
                        && syncB.counters().otherSyncId() == 1 && syncB.counters().ownNode() == 1);
                assertThat(b.lookup(WEB, ip("203.0.113.1"), System.nanoTime())).isEmpty();

                // B keeps working, and now B schedules: what it binds reaches A.
                InetAddress late = ip("198.51.100.200");
                b.bind(WEB, late, RS3, System.nanoTime());
                await("A to learn B's client", () -> a.lookup(WEB, late, System.nanoTime()).isPresent());
                assertThat(a.lookup(WEB, late, System.nanoTime()).orElseThrow().destination()).isEqualTo(RS3);
                // The sender counts a datagram after its send returns: A may have it before B has counted it.
                await("B to count what it sent", () -> syncB.counters().datagramsSent() > 0);
                SyncCounters cb = syncB.counters();
                assertThat(cb.installs(InstallOutcome.INSTALLED)).isEqualTo(120);
                assertThat(cb.datagramsSent()).isPositive();
                assertThat(syncA.counters().queueDrops()).isZero();
                assertThat(syncA.counters().datagramsSent()).as("batched: 512-byte datagrams").isLessThan(121);
            }
        }
        assertThat(failures).as("no sync thread gave up; closing is quiet").isEmpty();
    }

    @Test
    void aDatagramFromAnAddressThatIsNoPeerIsDropped() throws Exception {
        PersistenceTable b = director(false);
        List<String> failures = new CopyOnWriteArrayList<>();
        // The peer is 127.0.0.1; the stranger sends from 127.0.0.2 (loopback too).
        try (DatagramChannel peer = loopbackChannel("127.0.0.1");
             PersistenceSync syncB = PersistenceSync.start(b,
                     SyncSettings.unicast(51, dest("127.0.0.1", 0), List.of((InetSocketAddress) peer.getLocalAddress())).withNodeId(2),
                     System::nanoTime, failures::add);
             DatagramChannel stranger = loopbackChannel("127.0.0.2")) {
            SyncEntry e = new SyncEntry(WEB, ip("203.0.113.1"), RS1, 100_000);
            stranger.send(ByteBuffer.wrap(SyncCodec.encode(new SyncMessage(51, 1, List.of(e)))), syncB.localAddress());
            await("the stranger to be counted", () -> syncB.counters().foreignSource() == 1);
            assertThat(b.size()).isZero();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheTable() throws Exception {
        PersistenceTable a = director(false);
        List<String> failures = new CopyOnWriteArrayList<>();
        // A peer that never reads, one datagram a second, a queue of 4.
        try (DatagramChannel peer = loopbackChannel("127.0.0.1");
             PersistenceSync syncA = PersistenceSync.start(a,
                     SyncSettings.unicast(51, dest("127.0.0.1", 0), List.of((InetSocketAddress) peer.getLocalAddress()))
                             .withNodeId(1).withQueue(4, 1),
                     System::nanoTime, failures::add)) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                a.bind(WEB, ip("198.51.100." + i), RS1, System.nanoTime());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("binds never wait for the network").isLessThan(WAIT);
            assertThat(a.size()).isEqualTo(200);
            SyncCounters c = syncA.counters();
            assertThat(c.announced() + c.queueDrops()).isEqualTo(200);
            assertThat(c.queueDrops()).as("the sender holds at most the queue and two datagrams' worth").isPositive();
        }
        assertThat(failures).isEmpty();
    }

    /**
     * A close while the sender is busy is not a failure: stopping the receiver (interrupting its
     * blocked receive) closes the shared channel under the sender, which once reported
     * "cannot go on: ClosedChannelException" to the daemon.
     */
    @Test
    void aCloseWhileTheSenderIsBusyReportsNoFailure() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        for (int round = 0; round < 30; round++) {
            PersistenceTable a = director(false);
            try (DatagramChannel peer = loopbackChannel("127.0.0.1");
                 PersistenceSync sync = PersistenceSync.start(a,
                         SyncSettings.unicast(51, dest("127.0.0.1", 0), List.of((InetSocketAddress) peer.getLocalAddress()))
                                 .withNodeId(1), System::nanoTime, failures::add)) {
                for (int i = 0; i < 50; i++) {
                    a.bind(WEB, ip("198.51.100." + i), RS1, System.nanoTime());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
