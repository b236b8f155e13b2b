package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LogFile;
import java.net.InetAddress;
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
     * Issue 11's must-show: 100 SIGHUPs, 20 of each of five kinds, while the client probes two
     * VIPs every 10 ms. lb1 runs VI_1 beside keepalived 2.2.7 (lb2, 90) and two instances of its
     * own: VI_LOCAL, whose VIP list keeps a stable address and moves a second one back and forth,
     * and VI_ADDED, added and removed in turn. The kinds: a priority change for VI_1 that keeps lb1
     * above 90 (in place), an unchanged file (a comment added), VI_LOCAL's VIP list changed, VI_ADDED
     * added or removed (the state transfer), a broken file (refused). Not one probe to the shared VIP
     * or to VI_LOCAL's stable address lost; no state change of VI_1 and VI_LOCAL on lb1 and none on
     * lb2 (logs); on the wire (tcpdump on lb2) VI_1's and VI_LOCAL's adverts never pause for two
     * intervals and never say priority 0, while the removed VI_ADDED says goodbye with priority 0.
     */
    @Test
    void aHundredMixedReloadsLoseNoProbeAndMoveNothingThatStays() throws Exception {
        try (TwoNodeLab t = TwoNodeLab.create(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED, lab -> lab.vip4(4),
                (lab, vip, id, state, prio) -> new VrrpConfig(id, 3, state, 59, prio, "0.2", vip, Lab.PREFIX4, 1).render(""))) {
            InetAddress stable = t.lab.vip4(5);
            InetAddress[] moving = {t.lab.vip4(6), t.lab.vip4(7)};
            InetAddress addedVip = t.lab.vip4(8);
            Keepalived4jProcess lb1 = (Keepalived4jProcess) t.lb1;
            String original = Files.readString(lb1.configFile());
            Files.writeString(lb1.configFile(), original + localInstance("VI_LOCAL", 159, stable, moving[0]));
            t.startLb1MasterThenLb2Backup(WAIT);
            t.lb1.waitForLog("\\(VI_LOCAL\\) Entering MASTER STATE", WAIT);
            LogFile.Mark ours = t.lb1.log().mark();
            LogFile.Mark peers = t.lb2.log().mark();
            Instant from = Instant.now();
            java.util.concurrent.atomic.AtomicBoolean reloading = new java.util.concurrent.atomic.AtomicBoolean(true);
            CompletableFuture<List<ExecResult>> sharedProbe = probeWhile(t, t.vip, reloading);
            CompletableFuture<List<ExecResult>> localProbe = probeWhile(t, stable, reloading);
            int priority = 100;
            int[] priorities = {110, 120, 100};
            int movingNow = 0;
            boolean added = false;
            java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
            long started = System.nanoTime();
            io.keepalived4j.testsupport.lab.PacketCapture capture =
                    io.keepalived4j.testsupport.lab.PacketCapture.start(t.lb2Host, "ip proto 112");
            List<io.keepalived4j.vrrp.codec.Pcap.Frame> frames;
            try {
                sleep(ADVERT.multipliedBy(3));
                for (int n = 0; n < 100; n++) {
                    LogFile.Mark mark = t.lb1.log().mark();
                    String expect;
                    String kind;
                    String comment = "";
                    switch (n % 5) {
                        case 0 -> {
                            int next = priorities[(n / 5) % 3];
                            expect = "Reload: applied in place: \\(VI_1\\) priority " + priority + " -> " + next;
                            kind = "priority";
                            priority = next;
                        }
                        case 1 -> {
                            comment = "# reload " + n + "\n";
                            expect = "Reload: the VRRP configuration is unchanged";
                            kind = "unchanged";
                        }
                        case 2 -> {
                            movingNow = 1 - movingNow;
                            expect = "Reload: applied \\(.*1 with a new VIP list.*\\); every kept instance goes on in its state";
                            kind = "VIP list";
                        }
                        case 3 -> {
                            added = !added;
                            expect = added ? "Reload: applied \\(.*1 added, 0 removed\\)" : "Reload: applied \\(.*0 added, 1 removed\\)";
                            kind = added ? "added" : "removed";
                        }
                        default -> {
                            comment = "";
                            expect = "Reload failed: .*; keeping the running configuration";
                            kind = "broken";
                        }
                    }
                    String file = comment + original.replace("priority 100", "priority " + priority)
                            + localInstance("VI_LOCAL", 159, stable, moving[movingNow])
                            + (added ? localInstance("VI_ADDED", 160, addedVip, null) : "");
                    if (kind.equals("broken")) {
                        file = file.replace("virtual_router_id 59", "virtual_router_id 0");
                    }
                    Files.writeString(lb1.configFile(), file);
                    lb1.signal("HUP");
                    t.lb1.waitForLog(mark, expect, WAIT);
                    kinds.merge(kind, 1, Integer::sum);
                    // Spread over many advert intervals, as configuration management would.
                    sleep(Duration.ofMillis(100));
                }
                sleep(ADVERT.multipliedBy(3));
            } finally {
                reloading.set(false);
                frames = capture.stop();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long[] shared = assertAllAnswered(sharedProbe.get(60, java.util.concurrent.TimeUnit.SECONDS), "shared VIP");
            long[] local = assertAllAnswered(localProbe.get(60, java.util.concurrent.TimeUnit.SECONDS), "VI_LOCAL's stable VIP");
            InetAddress lb1Address = t.lb1Host.address4();
            java.util.Map<Integer, List<Advert>> byVrid = new java.util.TreeMap<>();
            for (Advert a : adverts(frames, lb1Address)) {
                byVrid.computeIfAbsent(a.vrid(), k -> new java.util.ArrayList<>()).add(a);
            }
            System.out.printf("100 reloads %s in %d ms; probes: shared %d/%d, local %d/%d; lb1's adverts by VRID %s%n",
                    kinds, took.toMillis(), shared[1], shared[0], local[1], local[0],
                    byVrid.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
            assertThat(kinds).containsEntry("priority", 20).containsEntry("unchanged", 20).containsEntry("VIP list", 20)
                    .containsEntry("added", 10).containsEntry("removed", 10).containsEntry("broken", 20);
            for (int vrid : new int[] {59, 159}) {
                List<Advert> kept = byVrid.getOrDefault(vrid, List.of());
                long expected = took.toMillis() / ADVERT.toMillis();
                assertThat(kept).as("VRID %d's adverts", vrid).hasSizeGreaterThan((int) (expected * 8 / 10))
                        .noneMatch(a -> a.priority() == 0);
                for (int i = 1; i < kept.size(); i++) {
                    assertThat(Duration.between(kept.get(i - 1).at(), kept.get(i).at()))
                            .as("VRID %d: pause before advert %d at %s", vrid, i, kept.get(i).at())
                            .isLessThan(ADVERT.multipliedBy(2));
                }
            }
            String ourLog = t.lb1.log().since(ours);
            // Removed 0.5 s after it was added, VI_ADDED is sometimes still waiting for its Master_Down
            // time: a BACKUP leaves silently, a MASTER with a priority-0 advert, as on SIGTERM.
            long becameMaster = ourLog.lines().filter(l -> l.contains("(VI_ADDED) Entering MASTER STATE")).count();
            assertThat(becameMaster).isPositive();
            assertThat(byVrid.getOrDefault(160, List.of())).as("the removed VI_ADDED says goodbye each time it was MASTER")
                    .filteredOn(a -> a.priority() == 0).hasSize((int) becameMaster);
            assertThat(t.lb1.isRunning()).isTrue();
            assertThat(t.watcher.maxSimultaneousHoldersSince(from)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.watcher.timeline()).as(t.watcher.describe()).noneMatch(c -> c.at().isAfter(from));
            assertThat(ourLog).doesNotContain("(VI_1) Entering").doesNotContain("(VI_LOCAL) Entering")
                    .doesNotContain("Stopping");
            assertThat(t.lb2.log().since(peers)).doesNotContain("Entering").doesNotContain("Transition");
        }
    }

    /** An instance of lb1's alone (no peer): it becomes MASTER after its Master_Down time. */
    private static String localInstance(String name, int vrid, InetAddress first, InetAddress second) {
        String vips = first.getHostAddress() + "/" + Lab.PREFIX4 + " dev eth0"
                + (second == null ? "" : "\n        " + second.getHostAddress() + "/" + Lab.PREFIX4 + " dev eth0");
        return """

                vrrp_instance %s {
                    state BACKUP
                    interface eth0
                    virtual_router_id %d
                    priority 100
                    advert_int 0.2
                    virtual_ipaddress {
                        %s
                    }
                }
                """.formatted(name, vrid, vips);
    }

    /** Probe rounds of 500 (5 s) to {@code target} until {@code running} goes false: each round's count is exact. */
    private static CompletableFuture<List<ExecResult>> probeWhile(TwoNodeLab t, InetAddress target,
                                                                  java.util.concurrent.atomic.AtomicBoolean running) {
        return CompletableFuture.supplyAsync(() -> {
            List<ExecResult> rounds = new java.util.ArrayList<>();
            while (running.get()) {
                rounds.add(t.client.exec(List.of("/usr/bin/python3", "-c", PINGER, target.getHostAddress(), "500"),
                        Duration.ofSeconds(30)));
            }
            return rounds;
        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }

    /** Every round fully answered; returns {sent, answered}. */
    private static long[] assertAllAnswered(List<ExecResult> rounds, String what) {
        long sent = 0;
        long answered = 0;
        for (ExecResult r : rounds) {
            Matcher m = Pattern.compile("(\\d+) sent, (\\d+) answered").matcher(r.stdout());
            assertThat(m.find()).as(r.stdout() + r.stderr()).isTrue();
            sent += Long.parseLong(m.group(1));
            answered += Long.parseLong(m.group(2));
            assertThat(m.group(2)).as("a probe round to the %s during the reloads: %s", what, r.stdout()).isEqualTo(m.group(1));
        }
        assertThat(sent).as(what).isGreaterThanOrEqualTo(500);
        return new long[] {sent, answered};
    }

    /** One VRRP advert seen on the wire. */
    record Advert(Instant at, int vrid, int priority) {
    }

    /** The adverts {@code source} sent, from an Ethernet capture (IPv4, no options). */
    static List<Advert> adverts(List<io.keepalived4j.vrrp.codec.Pcap.Frame> frames, InetAddress source) {
        List<Advert> out = new java.util.ArrayList<>();
        for (var f : frames) {
            byte[] b = f.bytes();
            if (b.length > 34 && java.util.Arrays.equals(java.util.Arrays.copyOfRange(b, 26, 30), source.getAddress())) {
                int ihl = (b[14] & 0x0f) * 4;
                out.add(new Advert(f.time(), b[14 + ihl + 1] & 0xff, b[14 + ihl + 2] & 0xff));
            }
        }
        return out;
    }
}
