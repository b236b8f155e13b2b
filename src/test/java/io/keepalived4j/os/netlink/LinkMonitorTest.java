package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LinkMonitorTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    /** Records what the monitor reports, for the test thread to wait on. */
    private static final class Recorder implements LinkListener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onLink(Link link) {
            events.add(link);
        }

        @Override
        public void onAddress(boolean added, InterfaceAddress address) {
            events.add(new AddressEvent(added, address));
        }

        <T> T await(Class<T> type, Predicate<T> what) throws InterruptedException {
            long deadline = System.nanoTime() + WITHIN.toNanos();
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                Object e = events.poll(left, TimeUnit.NANOSECONDS);
                if (type.isInstance(e) && what.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            throw new AssertionError("no matching " + type.getSimpleName() + " within " + WITHIN);
        }
    }

    private record AddressEvent(boolean added, InterfaceAddress address) {}

    @Test
    void seesAdminDownAndUpWithinASecond() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlmon")) {
            Recorder r = new Recorder();
            try (LinkMonitor m = LinkMonitor.startInNamespace(f.netnsFile(), r)) {
                f.ip("link", "set", "eth1", "down");
                Link down = r.await(Link.class, l -> l.name().equals("eth1") && !l.up());
                assertThat(down.operState()).isEqualTo(OperState.DOWN);

                f.ip("link", "set", "eth1", "up");
                r.await(Link.class, l -> l.name().equals("eth1") && l.up() && l.lowerUp());
            }
        }
    }

    @Test
    void seesCarrierLossWhenTheVethPeerGoesDown() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlmon")) {
            Recorder r = new Recorder();
            try (LinkMonitor m = LinkMonitor.startInNamespace(f.netnsFile(), r)) {
                String peer = f.ns.hostPeer(1);
                try {
                    hostIp("link", "set", peer, "down");
                    Link lost = r.await(Link.class, l -> l.name().equals("eth1") && l.up() && !l.lowerUp());
                    assertThat(lost.running()).isFalse();
                    // veth reports DOWN (not LOWERLAYERDOWN) when its peer goes down; ip shows NO-CARRIER.
                    assertThat(lost.operState()).isIn(OperState.DOWN, OperState.LOWERLAYERDOWN);
                } finally {
                    hostIp("link", "set", peer, "up");
                }
                r.await(Link.class, l -> l.name().equals("eth1") && l.lowerUp());
            }
        }
    }

    @Test
    void reportsAddressesAddedAndRemoved() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlmon")) {
            Recorder r = new Recorder();
            try (LinkMonitor m = LinkMonitor.startInNamespace(f.netnsFile(), r)) {
                f.ip("addr", "add", "192.0.2.5/24", "dev", "eth2");
                AddressEvent add = r.await(AddressEvent.class, e -> e.added()
                        && e.address().prefix().equals(Prefix.parse("192.0.2.5/24")));
                assertThat(add.address().ifindex()).isEqualTo(f.ifindex("eth2"));

                f.ip("addr", "add", "2001:db8::5/64", "dev", "eth2", "nodad");
                r.await(AddressEvent.class, e -> e.added() && e.address().prefix().equals(Prefix.parse("2001:db8::5/64")));

                f.ip("addr", "del", "192.0.2.5/24", "dev", "eth2");
                r.await(AddressEvent.class, e -> !e.added() && e.address().prefix().equals(Prefix.parse("192.0.2.5/24")));
            }
        }
    }

    @Test
    void closeStopsTheReaderPromptly() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlmon")) {
            Recorder r = new Recorder();
            LinkMonitor m = LinkMonitor.startInNamespace(f.netnsFile(), r);
            long readersBefore = readers();

            long start = System.nanoTime();
            m.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("woken, not a poll timeout later")
                    .isLessThan(Duration.ofMillis(300));
            assertThat(readers()).isEqualTo(readersBefore - 1);
            f.ip("link", "set", "eth3", "down");
            assertThat(r.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aQuietPollSleepsASecondAndACloseWakesIt() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlmon")) {
            Recorder r = new Recorder();
            LinkMonitor m = LinkMonitor.openInNamespace(f.netnsFile());
            ExecutorService poller = Executors.newSingleThreadExecutor();
            try {
                // The namespace's own start-up speaks first (IPv6 link-local addresses after DAD, a
                // second or two after the links went up): the polls that hear it end early. Once it
                // is done, a poll that hears nothing must sleep the whole second.
                long quiet = 0;
                for (int i = 0; i < 8 && quiet < LinkMonitor.POLL.minusMillis(50).toNanos(); i++) {
                    r.events.clear();
                    quiet = timed(() -> m.poll(r));
                }
                assertThat(Duration.ofNanos(quiet)).as("a quiet poll: one wake-up a second, not ten")
                        .isGreaterThanOrEqualTo(LinkMonitor.POLL.minusMillis(50));
                assertThat(r.events).isEmpty();

                Future<Long> blocked = poller.submit(() -> timed(() -> m.poll(r)));
                Thread.sleep(100);
                long closing = System.nanoTime();
                m.close();
                assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("the close waits for the poller, woken")
                        .isLessThan(Duration.ofMillis(300));
                assertThat(blocked.get(5, TimeUnit.SECONDS)).isLessThan(LinkMonitor.POLL.toNanos() / 2);
                assertThat(timed(() -> m.poll(r))).as("a poll after the close returns at once")
                        .isLessThan(Duration.ofMillis(100).toNanos());
                r.events.clear(); // what the polls before the close heard
                f.ip("link", "set", "eth2", "down");
                assertThat(r.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            } finally {
                poller.shutdownNow();
                m.close();
            }
        }
    }

    @Test
    void aPollReturnsWhenTheKernelSaysSomethingNotAtItsTimeout() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlmon")) {
            Recorder r = new Recorder();
            ExecutorService poller = Executors.newSingleThreadExecutor();
            try (LinkMonitor m = LinkMonitor.openInNamespace(f.netnsFile())) {
                Future<Long> polled = poller.submit(() -> timed(() -> m.poll(r)));
                Thread.sleep(100);
                f.ip("link", "set", "eth2", "down");
                assertThat(Duration.ofNanos(polled.get(5, TimeUnit.SECONDS))).isLessThan(LinkMonitor.POLL.minusMillis(200));
                assertThat(r.events).as("what the woken poll read").isNotEmpty();
                long until = System.nanoTime() + WITHIN.toNanos();
                while (r.events.stream().noneMatch(e -> e instanceof Link l && l.name().equals("eth2") && !l.up())
                        && System.nanoTime() < until) {
                    m.poll(r); // one datagram per poll: the rest of what "link set down" said
                }
                r.await(Link.class, l -> l.name().equals("eth2") && !l.up());
            } finally {
                poller.shutdownNow();
            }
        }
    }

    private interface Poll {
        void run() throws Exception;
    }

    private static long timed(Poll poll) throws Exception {
        long t = System.nanoTime();
        poll.run();
        return System.nanoTime() - t;
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("k4j-link-monitor") && t.isAlive()).count();
    }

    private static void hostIp(String... args) throws Exception {
        String[] argv = new String[args.length + 1];
        argv[0] = "ip";
        System.arraycopy(args, 0, argv, 1, args.length);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ip %s: %s", String.join(" ", args), new String(p.getInputStream().readAllBytes()))
                .isZero();
    }
}
