package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinkMonitorOverrunTest {

    @Test
    void lostNotificationsLeadToAResyncOfAllLinksAndMonitoringGoesOn() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlenobufs")) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch resynced = new CountDownLatch(1);
            List<String> afterResync = new ArrayList<>();
            ConcurrentHashMap<String, Boolean> lastUp = new ConcurrentHashMap<>();
            LinkListener listener = new LinkListener() {
                @Override
                public void onLink(Link link) {
                    awaitQuietly(release); // hold the reader so that the kernel's queue overflows
                    lastUp.put(link.name(), link.up());
                    if (resynced.getCount() == 0) {
                        synchronized (afterResync) {
                            afterResync.add(link.name() + (link.up() ? " up" : " down"));
                        }
                    }
                }

                @Override
                public void onResync() {
                    resynced.countDown();
                }
            };
            // The smallest buffer the kernel allows (it doubles and floors SO_RCVBUF): a few messages.
            try (LinkMonitor m = LinkMonitor.startInNamespace(f.netnsFile(), listener, 1)) {
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < 200; i++) {
                    batch.append("link set eth3 ").append(i % 2 == 0 ? "down" : "up").append('\n');
                }
                batch.append("link set eth3 down\n");
                ExecResult r = f.ns.exec(List.of("sh", "-c", "printf '" + batch + "' | ip -batch -"),
                        Duration.ofSeconds(10));
                assertThat(r.ok()).as("%s", r).isTrue();

                release.countDown();

                assertThat(resynced.await(2, TimeUnit.SECONDS)).as("onResync after ENOBUFS").isTrue();
                // Notifications queued before the overrun may still arrive after the resync: the
                // state converges on the last one (down) rather than being right at onResync.
                long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (!Boolean.FALSE.equals(lastUp.get("eth3")) && System.nanoTime() < settle) {
                    Thread.sleep(10);
                }
                assertThat(lastUp).containsEntry("eth3", false);
                f.ip("link", "set", "eth3", "up");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (!Boolean.TRUE.equals(lastUp.get("eth3")) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(lastUp).as("still monitoring after the overrun").containsEntry("eth3", true);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
