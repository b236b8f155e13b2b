package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LogFile;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGHUP to a keepalived4j MASTER (lb1, priority 100) beside keepalived 2.2.7 (lb2, BACKUP 90),
 * VRRPv3 at 0.2 s, while the client pings the VIP every 10 ms: a file that only gained a comment
 * changes nothing, a broken file is refused in one error line; through both the VIP stays on lb1,
 * neither node logs a state change, and not one ping is lost.
 */
class ReloadLabTest {

    private static final Duration ADVERT = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(6);

    /**
     * ICMP echo to argv[1], argv[2] requests 10 ms apart on a raw socket (the lab has no ping),
     * a request counted answered when its reply comes within 1 s of the last one sent.
     */
    static final String PINGER = """
            import os, socket, struct, sys, time
            def csum(b):
                s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
                s = (s >> 16) + (s & 0xffff); s += s >> 16
                return ~s & 0xffff
            dst, n = sys.argv[1], int(sys.argv[2])
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
            s.setblocking(False)
            ident = os.getpid() & 0xffff
            answered = set()
            def drain():
                while True:
                    try:
                        p = s.recv(2048)
                    except BlockingIOError:
                        return
                    ihl = (p[0] & 0x0f) * 4
                    t, c, _, i, q = struct.unpack('!BBHHH', p[ihl:ihl + 8])
                    if t == 0 and i == ident:
                        answered.add(q)
            nxt = time.monotonic()
            for q in range(n):
                h = struct.pack('!BBHHH', 8, 0, 0, ident, q) + b'k4j-reload'
                s.sendto(struct.pack('!BBHHH', 8, 0, csum(h), ident, q) + b'k4j-reload', (dst, 0))
                nxt += 0.01
                while time.monotonic() < nxt:
                    drain(); time.sleep(0.001)
            end = time.monotonic() + 1
            while time.monotonic() < end:
                drain(); time.sleep(0.005)
            lost = sorted(set(range(n)) - answered)
            print('%d sent, %d answered, lost %s' % (n, len(answered), lost[:20]))
            """;

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    @Test
    void anUnchangedFileAndABrokenFileLeaveTheMasterAndItsVipUntouched() throws Exception {
        try (TwoNodeLab t = TwoNodeLab.create(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED, lab -> lab.vip4(4),
                (lab, vip, id, state, prio) -> new VrrpConfig(id, 3, state, 57, prio, "0.2", vip, Lab.PREFIX4, 1).render(""))) {
            t.startLb1MasterThenLb2Backup(WAIT);
            Keepalived4jProcess lb1 = (Keepalived4jProcess) t.lb1;
            String original = Files.readString(lb1.configFile());
            LogFile.Mark ours = t.lb1.log().mark();
            LogFile.Mark peers = t.lb2.log().mark();
            Instant from = Instant.now();
            // 400 pings 10 ms apart: about 4 s, across both reloads.
            CompletableFuture<ExecResult> probe = CompletableFuture.supplyAsync(() -> t.client.exec(
                    List.of("/usr/bin/python3", "-c", PINGER, t.vip.getHostAddress(), "400"), Duration.ofSeconds(30)));
            sleep(ADVERT.multipliedBy(3));

            Files.writeString(lb1.configFile(), "# touched by configuration management\n" + original);
            lb1.signal("HUP");
            t.lb1.waitForLog(ours, "Reload: the VRRP configuration is unchanged \\(1 unchanged", WAIT);
            sleep(ADVERT.multipliedBy(3));

            Files.writeString(lb1.configFile(), original.replace("virtual_router_id 57", "virtual_router_id 570"));
            lb1.signal("HUP");
            String refused = t.lb1.waitForLog(ours, "Reload failed: .*; keeping the running configuration", WAIT);
            assertThat(refused).contains(lb1.configFile().toString()).contains("570");

            ExecResult ping = probe.get(40, java.util.concurrent.TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+) sent, (\\d+) answered").matcher(ping.stdout());
            assertThat(m.find()).as(ping.stdout() + ping.stderr()).isTrue();
            assertThat(m.group(2)).as("pings answered of %s: %s", m.group(1), ping.stdout()).isEqualTo(m.group(1));
            assertThat(m.group(1)).isEqualTo("400");

            assertThat(t.lb1.isRunning()).isTrue();
            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb1");
            assertThat(t.watcher.maxSimultaneousHoldersSince(from)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.watcher.timeline()).as(t.watcher.describe()).noneMatch(c -> c.at().isAfter(from));
            assertThat(t.lb1.log().since(ours)).doesNotContain("Entering").doesNotContain("Stopping");
            assertThat(t.lb2.log().since(peers)).doesNotContain("Entering").doesNotContain("Transition");
        }
    }

    @Test
    void aPriorityChangeIsAppliedInPlaceAdvertisedWithoutATransitionAndThenDecidesTheElection() throws Exception {
        try (TwoNodeLab t = TwoNodeLab.create(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED, lab -> lab.vip4(4),
                (lab, vip, id, state, prio) -> new VrrpConfig(id, 3, state, 58, prio, "0.2", vip, Lab.PREFIX4, 1).render(""))) {
            t.startLb1MasterThenLb2Backup(WAIT);
            Keepalived4jProcess lb1 = (Keepalived4jProcess) t.lb1;
            String original = Files.readString(lb1.configFile());
            assertThat(original).contains("priority 100");
            LogFile.Mark ours = t.lb1.log().mark();
            LogFile.Mark peers = t.lb2.log().mark();
            Instant from = Instant.now();
            CompletableFuture<ExecResult> probe = CompletableFuture.supplyAsync(() -> t.client.exec(
                    List.of("/usr/bin/python3", "-c", PINGER, t.vip.getHostAddress(), "300"), Duration.ofSeconds(30)));
            sleep(ADVERT.multipliedBy(3));

            try (io.keepalived4j.testsupport.lab.PacketCapture capture =
                         io.keepalived4j.testsupport.lab.PacketCapture.start(t.lb2Host, "ip proto 112")) {
                Files.writeString(lb1.configFile(), original.replace("priority 100", "priority 120"));
                lb1.signal("HUP");
                t.lb1.waitForLog(ours, "Reload: applied in place: \\(VI_1\\) priority 100 -> 120", WAIT);
                t.lb1.waitForLog(ours, "\\(VI_1\\) Changing effective priority from 100 to 120", WAIT);
                sleep(ADVERT.multipliedBy(5));
                List<Integer> priorities = RuntimeControlLabTest.advertPriorities(capture.stop(), t.lb1Host.address4());
                assertThat(priorities).as("lb1's adverts after the reload").isNotEmpty();
                assertThat(priorities.getLast()).isEqualTo(120);
            }
            ExecResult ping = probe.get(40, java.util.concurrent.TimeUnit.SECONDS);
            Matcher m = Pattern.compile("(\\d+) sent, (\\d+) answered").matcher(ping.stdout());
            assertThat(m.find()).as(ping.stdout() + ping.stderr()).isTrue();
            assertThat(m.group(2)).as("pings answered: %s", ping.stdout()).isEqualTo("300");
            assertThat(t.watcher.maxSimultaneousHoldersSince(from)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.watcher.timeline()).as(t.watcher.describe()).noneMatch(c -> c.at().isAfter(from));
            assertThat(t.lb1.log().since(ours)).doesNotContain("Entering");
            assertThat(t.lb2.log().since(peers)).doesNotContain("Entering").doesNotContain("Transition");

            // Below keepalived's 90: the new priority decides the election, as RFC 5798 says.
            Files.writeString(lb1.configFile(), original.replace("priority 100", "priority 50"));
            lb1.signal("HUP");
            t.lb1.waitForLog(ours, "Reload: applied in place: \\(VI_1\\) priority 120 -> 50", WAIT);
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            assertThat(t.lb1.isRunning()).isTrue();
        }
    }

    /**
     * Issue 11's must-show, with what this release reloads: 100 SIGHUPs cycling an unchanged file
     * (a comment added), a priority change that keeps lb1 above keepalived's 90 (110, 120, 100),
     * and a broken file, while the client probes the VIP every 10 ms: not one probe lost, no state
     * change on either node, every reload answered with the line it should.
     */
    @Test
    void aHundredMixedReloadsLoseNoProbeAndMoveNothing() throws Exception {
        try (TwoNodeLab t = TwoNodeLab.create(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED, lab -> lab.vip4(4),
                (lab, vip, id, state, prio) -> new VrrpConfig(id, 3, state, 59, prio, "0.2", vip, Lab.PREFIX4, 1).render(""))) {
            t.startLb1MasterThenLb2Backup(WAIT);
            Keepalived4jProcess lb1 = (Keepalived4jProcess) t.lb1;
            String original = Files.readString(lb1.configFile());
            LogFile.Mark ours = t.lb1.log().mark();
            LogFile.Mark peers = t.lb2.log().mark();
            Instant from = Instant.now();
            java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean(true);
            // Probe rounds of 500 (5 s) until the reloads are done: each round's count is exact.
            CompletableFuture<List<ExecResult>> probe = CompletableFuture.supplyAsync(() -> {
                List<ExecResult> rounds = new java.util.ArrayList<>();
                while (reloading.get()) {
                    rounds.add(t.client.exec(List.of("/usr/bin/python3", "-c", PINGER, t.vip.getHostAddress(), "500"),
                            Duration.ofSeconds(30)));
                }
                return rounds;
            });
            sleep(ADVERT.multipliedBy(3));
            int current = 100;
            int[] priorities = {110, 120, 100};
            int applied = 0;
            int refused = 0;
            int unchanged = 0;
            long started = System.nanoTime();
            try {
                for (int n = 0; n < 100; n++) {
                    LogFile.Mark mark = t.lb1.log().mark();
                    String expect;
                    switch (n % 4) {
                        case 0, 2 -> {
                            int next = priorities[(n / 2) % 3];
                            Files.writeString(lb1.configFile(), original.replace("priority 100", "priority " + next));
                            expect = next == current ? "Reload: the VRRP configuration is unchanged"
                                    : "Reload: applied in place: \\(VI_1\\) priority " + current + " -> " + next;
                            if (next == current) {
                                unchanged++;
                            } else {
                                applied++;
                            }
                            current = next;
                        }
                        case 1 -> {
                            Files.writeString(lb1.configFile(), "# reload " + n + "\n"
                                    + original.replace("priority 100", "priority " + current));
                            expect = "Reload: the VRRP configuration is unchanged";
                            unchanged++;
                        }
                        default -> {
                            Files.writeString(lb1.configFile(), original.replace("virtual_router_id 59", "virtual_router_id 0"));
                            expect = "Reload failed: .*; keeping the running configuration";
                            refused++;
                        }
                    }
                    lb1.signal("HUP");
                    t.lb1.waitForLog(mark, expect, WAIT);
                }
            } finally {
                reloading.set(false);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            List<ExecResult> rounds = probe.get(60, java.util.concurrent.TimeUnit.SECONDS);
            long sent = 0;
            long answered = 0;
            for (ExecResult r : rounds) {
                Matcher m = Pattern.compile("(\\d+) sent, (\\d+) answered").matcher(r.stdout());
                assertThat(m.find()).as(r.stdout() + r.stderr()).isTrue();
                sent += Long.parseLong(m.group(1));
                answered += Long.parseLong(m.group(2));
                assertThat(m.group(2)).as("a probe round during the reloads: %s", r.stdout()).isEqualTo(m.group(1));
            }
            System.out.printf("100 reloads (%d applied, %d unchanged, %d refused) in %d ms; %d probes, %d answered%n",
                    applied, unchanged, refused, took.toMillis(), sent, answered);
            assertThat(sent).isGreaterThanOrEqualTo(500);
            assertThat(t.lb1.isRunning()).isTrue();
            assertThat(t.watcher.maxSimultaneousHoldersSince(from)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.watcher.timeline()).as(t.watcher.describe()).noneMatch(c -> c.at().isAfter(from));
            assertThat(t.lb1.log().since(ours)).doesNotContain("Entering").doesNotContain("Stopping");
            assertThat(t.lb2.log().since(peers)).doesNotContain("Entering").doesNotContain("Transition");
        }
    }
}
