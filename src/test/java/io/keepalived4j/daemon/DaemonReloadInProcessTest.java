package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reload's state transfer ({@link VrrpHandover}) with two whole daemons on a simulated LAN:
 * lb1 (150) and lb2 (100) share VI_1; lb1 alone runs VI_2. lb1 reloads a file that changes VI_2's
 * VIP list and adds VI_3, then one that removes VI_2. VI_1 must not notice: no transition on either
 * node, its VIP never removed, its advert cadence unbroken; VI_2 keeps the address both lists have.
 */
class DaemonReloadInProcessTest {

    /** VI_1 (VRID 51, 10.0.0.100/24, advert_int 0.1) at {@code priority}, as both nodes run it. */
    private static String head(int priority) {
        return InProcessNode.config(priority, "", "");
    }

    private static String instance(String name, int vrid, String... vips) {
        return """
                vrrp_instance %s {
                    interface eth0
                    virtual_router_id %d
                    priority 150
                    advert_int 0.1
                    virtual_ipaddress {
                        %s
                    }
                }
                """.formatted(name, vrid, String.join("\n        ", vips));
    }

    private static final String LB1 = head(150) + instance("VI_2", 52, "10.0.0.200/24", "10.0.0.201/24");
    private static final String LB1_CHANGED = head(150)
            + instance("VI_2", 52, "10.0.0.200/24", "10.0.0.202/24") + instance("VI_3", 53, "10.0.0.250/24");
    private static final String LB1_REMOVED = head(150) + instance("VI_3", 53, "10.0.0.250/24");

    @Test
    void keptInstancesGoOnChangedVipListsMoveOnlyTheirChangesAddedStartAndRemovedStop() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", LB1, FaultHooks.NONE);
             InProcessNode b = new InProcessNode(lan, "lb2", "10.0.0.2/24", head(100), FaultHooks.NONE)) {
            InProcessNode.await(() -> state(a, "VI_1") == VrrpState.MASTER && state(a, "VI_2") == VrrpState.MASTER
                    && a.host.kernel().addressesOn("eth0").contains("10.0.0.201/24"), Duration.ofSeconds(3), "lb1 masters");
            b.awaitState(VrrpState.BACKUP, Duration.ofSeconds(3));
            Thread.sleep(1_100);
            int journalBefore = a.host.kernel().addressJournal().size();
            int linesBefore = a.logLines().size();
            long bBecameMaster = b.daemon.status().getFirst().becameMaster();
            long sentBefore = sent(a, "VI_1");
            long reloadAt = System.nanoTime();

            VrrpDaemon.Reloaded r = a.daemon.reload(InProcessNode.load(LB1_CHANGED));

            assertThat(r.applied()).as(r.line()).isTrue();
            InProcessNode.await(() -> state(a, "VI_3") == VrrpState.MASTER
                    && a.host.kernel().addressesOn("eth0").contains("10.0.0.250/24"), Duration.ofSeconds(3), "VI_3 master");
            assertThat(state(a, "VI_1")).isEqualTo(VrrpState.MASTER);
            assertThat(state(a, "VI_2")).isEqualTo(VrrpState.MASTER);
            assertThat(a.host.kernel().addressesOn("eth0"))
                    .contains("10.0.0.100/24", "10.0.0.200/24", "10.0.0.202/24", "10.0.0.250/24")
                    .doesNotContain("10.0.0.201/24");
            List<String> changes = a.host.kernel().addressJournal().subList(journalBefore, a.host.kernel().addressJournal().size());
            assertThat(changes).as("only VI_2's changed addresses and VI_3's VIP moved")
                    .noneMatch(c -> c.contains("10.0.0.100/") || c.contains("10.0.0.200/"))
                    .anyMatch(c -> c.startsWith("+") && c.endsWith("10.0.0.202/24"))
                    .anyMatch(c -> c.startsWith("-") && c.endsWith("10.0.0.201/24"));
            Thread.sleep(500);
            assertThat(sent(a, "VI_1")).as("the kept instance's counters go on").isGreaterThan(sentBefore);
            assertNoTransition(a.logLines().subList(linesBefore, a.logLines().size()), "VI_1", "VI_2");
            // Both nodes log to one logger: lb2's side is read from its counters.
            assertThat(b.daemon.status().getFirst().becameMaster()).as("lb2 never took over").isEqualTo(bBecameMaster);
            assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
            assertCadence(lan, 51, reloadAt);

            int linesBeforeRemoval = a.logLines().size();
            VrrpDaemon.Reloaded removed = a.daemon.reload(InProcessNode.load(LB1_REMOVED));

            assertThat(removed.applied()).as(removed.line()).isTrue();
            assertThat(a.host.kernel().addressesOn("eth0")).contains("10.0.0.100/24", "10.0.0.250/24")
                    .doesNotContain("10.0.0.200/24", "10.0.0.202/24");
            List<FakeLan.Sent> vrid52 = lan.sentBy("lb1").stream().filter(s -> s.packet().vrid() == 52).toList();
            assertThat(vrid52.getLast().packet().priority()).as("the removed instance says goodbye").isZero();
            assertThat(a.daemon.status()).extracting(InstanceStatus::name).containsExactly("VI_1", "VI_3");
            assertNoTransition(a.logLines().subList(linesBeforeRemoval, a.logLines().size()), "VI_1", "VI_3");
            Thread.sleep(300);
            assertThat(state(a, "VI_1")).isEqualTo(VrrpState.MASTER);
            assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
            assertThat(b.daemon.status().getFirst().becameMaster()).isEqualTo(bBecameMaster);

            a.daemon.stop();
            assertThat(a.host.openChannels()).as("both generations' sockets are closed").isZero();
            assertThat(a.host.kernel().addressesOn("eth0")).containsExactly("10.0.0.1/24");
        }
    }

    @Test
    void aFileWhoseInstancesCannotOpenLeavesTheRunningOnesUntouched() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", LB1, FaultHooks.NONE)) {
            InProcessNode.await(() -> state(a, "VI_1") == VrrpState.MASTER && state(a, "VI_2") == VrrpState.MASTER,
                    Duration.ofSeconds(3), "lb1 masters");
            int channels = a.host.openChannels();
            int journal = a.host.kernel().addressJournal().size();

            VrrpDaemon.Reloaded r = a.daemon.reload(InProcessNode.load(LB1_CHANGED.replace("interface eth0", "interface eth9")));

            assertThat(r.applied()).isFalse();
            assertThat(r.line()).contains("eth9");
            assertThat(a.host.openChannels()).as("nothing of the new file stays open").isEqualTo(channels);
            assertThat(a.host.kernel().addressJournal()).hasSize(journal);
            Thread.sleep(400);
            assertThat(state(a, "VI_1")).isEqualTo(VrrpState.MASTER);
            assertThat(state(a, "VI_2")).isEqualTo(VrrpState.MASTER);
            assertThat(a.daemon.status()).extracting(InstanceStatus::name).containsExactly("VI_1", "VI_2");
        }
    }

    @Test
    void aReloadWhileTheLoopIsStuckGivesUpCleanlyAndTheWatchdogsStopStillReleasesTheVips() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", LB1, faults)) {
            InProcessNode.await(() -> state(a, "VI_1") == VrrpState.MASTER && state(a, "VI_2") == VrrpState.MASTER,
                    Duration.ofSeconds(3), "lb1 masters");
            faults.hangLoop();

            VrrpDaemon.Reloaded r = a.daemon.reload(InProcessNode.load(LB1_CHANGED));

            assertThat(r.applied()).isFalse();
            assertThat(r.line()).contains("did not hand its instances over");
            assertThat(a.daemon.awaitStop(VrrpDaemon.STOP_BOUND)).isTrue();
            assertThat(a.daemon.exitStatus()).isEqualTo(VrrpDaemon.EXIT_FAILURE);
            assertThat(a.daemon.failure()).contains("stuck");
            assertThat(a.host.kernel().addressesOn("eth0")).containsExactly("10.0.0.1/24");
            assertThat(a.host.openChannels()).as("neither generation leaves a socket open").isZero();
        } finally {
            faults.releaseLoop();
        }
    }

    /** The watchdog's start-up grace (1 s) is for a cold JVM: after a reload a stuck loop is seen at the normal limit. */
    @Test
    void aStuckLoopAfterAReloadIsSeenAtTheNormalLimitWithoutTheStartUpGrace() throws Exception {
        FakeLan lan = new FakeLan();
        InjectedFaults faults = new InjectedFaults();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", LB1, faults)) {
            InProcessNode.await(() -> state(a, "VI_1") == VrrpState.MASTER, Duration.ofSeconds(3), "lb1 master");
            assertThat(a.daemon.reload(InProcessNode.load(LB1_CHANGED)).applied()).isTrue();
            long hungAt = System.nanoTime();
            faults.hangLoop();

            InProcessNode.await(() -> !a.daemon.failure().isEmpty(), Duration.ofSeconds(3), "the watchdog's report");
            long seenMillis = (System.nanoTime() - hungAt) / 1_000_000;

            assertThat(a.daemon.failure()).contains("stuck");
            assertThat(seenMillis).as("limit 250 ms at advert_int 0.1, looked at every 50 ms; the grace would be 1 s")
                    .isBetween(LoopWatchdog.MIN_STUCK_AFTER.toMillis(), LoopWatchdog.START_LIMIT.toMillis() - 100);
            assertThat(a.daemon.awaitStop(VrrpDaemon.STOP_BOUND)).isTrue();
            assertThat(a.host.kernel().addressesOn("eth0")).containsExactly("10.0.0.1/24");
        } finally {
            faults.releaseLoop();
        }
    }

    @Test
    void aStopDuringAReloadWaitsForTheHandOverAndStopsTheInstancesWhereverTheyRun() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", LB1, FaultHooks.NONE)) {
            InProcessNode.await(() -> state(a, "VI_1") == VrrpState.MASTER && state(a, "VI_2") == VrrpState.MASTER,
                    Duration.ofSeconds(3), "lb1 masters");
            var reload = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> a.daemon.reload(InProcessNode.load(LB1_CHANGED)));
            a.daemon.stop();
            reload.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(a.daemon.exitStatus()).isZero();
            assertThat(a.host.kernel().addressesOn("eth0")).containsExactly("10.0.0.1/24");
            assertThat(a.host.openChannels()).isZero();
            List<FakeLan.Sent> sent = lan.sentBy("lb1");
            assertThat(sent.stream().filter(x -> x.packet().vrid() == 51).toList().getLast().packet().priority())
                    .as("VI_1 said goodbye").isZero();
        }
    }

    @Test
    void aVmacInstanceKeepsItsVmacAndItsVipsAcrossAReload() throws Exception {
        FakeLan lan = new FakeLan();
        String before = LB1.replace("virtual_router_id 52\n", "virtual_router_id 52\n    use_vmac\n");
        String after = LB1_CHANGED.replace("virtual_router_id 52\n", "virtual_router_id 52\n    use_vmac\n");
        assertThat(before).contains("use_vmac");
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", before, FaultHooks.NONE)) {
            InProcessNode.await(() -> state(a, "VI_2") == VrrpState.MASTER
                    && a.host.kernel().addressesOn("vrrp.52").contains("10.0.0.201/24"), Duration.ofSeconds(3), "VI_2 master");
            int vmac = a.host.kernel().linkList().stream().filter(l -> l.name().equals("vrrp.52")).findFirst()
                    .orElseThrow().index();
            int journal = a.host.kernel().addressJournal().size();

            VrrpDaemon.Reloaded r = a.daemon.reload(InProcessNode.load(after));

            assertThat(r.applied()).as(r.line()).isTrue();
            assertThat(a.host.kernel().linkList()).filteredOn(l -> l.name().equals("vrrp.52"))
                    .singleElement().extracting(io.keepalived4j.os.netlink.Link::index).as("the same VMAC").isEqualTo(vmac);
            assertThat(a.host.kernel().addressesOn("vrrp.52")).containsExactlyInAnyOrder("10.0.0.200/24", "10.0.0.202/24");
            List<String> changes = a.host.kernel().addressJournal().subList(journal, a.host.kernel().addressJournal().size());
            assertThat(changes).as("only the changed VIPs move; VI_3 (new) may have started meanwhile")
                    .filteredOn(c -> c.startsWith("+" + vmac + " ") || c.startsWith("-" + vmac + " "))
                    .containsExactlyInAnyOrder("+" + vmac + " 10.0.0.202/24", "-" + vmac + " 10.0.0.201/24");
            Thread.sleep(300);
            assertThat(state(a, "VI_2")).isEqualTo(VrrpState.MASTER);

            a.daemon.stop();
            assertThat(a.host.kernel().linkNames()).doesNotContain("vrrp.52");
            assertThat(a.host.openChannels()).isZero();
        }
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void trackersAndNotifyScriptsOfAKeptInstanceFollowTheReloadedFile() throws Exception {
        java.nio.file.Path log = dir.resolve("notify.log");
        java.nio.file.Path script = dir.resolve("b.sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\necho \"backup $*\" >> " + log + "\n");
        java.nio.file.Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Path weight = java.nio.file.Files.writeString(dir.resolve("weight"), "0\n");
        String tracked = """
                track_file tf {
                    file %s
                    weight -1
                }
                """.formatted(weight) + LB1.replace("virtual_router_id 52\n", """
                virtual_router_id 52
                    notify_backup %s
                    track_file {
                        tf
                    }
                """.formatted(script));
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", LB1, FaultHooks.NONE)) {
            InProcessNode.await(() -> state(a, "VI_2") == VrrpState.MASTER, Duration.ofSeconds(3), "VI_2 master");
            int lines = a.logLines().size();

            VrrpDaemon.Reloaded r = a.daemon.reload(InProcessNode.load(tracked));

            assertThat(r.applied()).as(r.line()).isTrue();
            assertNoTransition(a.logLines().subList(lines, a.logLines().size()), "VI_1", "VI_2");
            // The new tracker: the file's value times -1 lowers VI_2's priority, as at start.
            java.nio.file.Files.writeString(weight, "100\n");
            InProcessNode.await(() -> a.logLines().contains("(VI_2) Changing effective priority from 150 to 50"),
                    Duration.ofSeconds(5), "the tracked file applies");
            // The new notify script: VI_2 held in BACKUP runs it.
            int index = a.daemon.status().stream().map(InstanceStatus::name).toList().indexOf("VI_2");
            a.daemon.onLoop(h -> {
                h.maintenance(index, true, a.daemon.loopNow());
                return true;
            }, Duration.ofSeconds(2));
            InProcessNode.await(() -> java.nio.file.Files.exists(log), Duration.ofSeconds(5), "notify_backup ran");
            assertThat(java.nio.file.Files.readString(log)).startsWith("backup");
            assertThat(state(a, "VI_1")).isEqualTo(VrrpState.MASTER);
        }
    }

    @Test
    void aNotifyScriptRunningAtTheReloadFinishesInsteadOfBeingKilled() throws Exception {
        java.nio.file.Path done = dir.resolve("done");
        java.nio.file.Path started = dir.resolve("started");
        java.nio.file.Path script = dir.resolve("m.sh");
        java.nio.file.Files.writeString(script, "#!/bin/sh\ntouch " + started + "\nsleep 1\necho finished > " + done + "\n");
        java.nio.file.Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String withScript = LB1.replace("virtual_router_id 52\n", "virtual_router_id 52\n    notify_master " + script + "\n");
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", withScript, FaultHooks.NONE)) {
            InProcessNode.await(() -> java.nio.file.Files.exists(started), Duration.ofSeconds(5), "notify_master started");

            VrrpDaemon.Reloaded r = a.daemon.reload(InProcessNode.load(withScript.replace("10.0.0.201/24", "10.0.0.202/24")));

            assertThat(r.applied()).as(r.line()).isTrue();
            InProcessNode.await(() -> java.nio.file.Files.exists(done), Duration.ofSeconds(5), "notify_master finished");
            assertThat(java.nio.file.Files.readString(done)).isEqualTo("finished\n");
        }
    }

    private static VrrpState state(InProcessNode n, String instance) {
        return n.daemon.status().stream().filter(s -> s.name().equals(instance)).findFirst()
                .map(InstanceStatus::state).orElse(VrrpState.INIT);
    }

    private static long sent(InProcessNode n, String instance) {
        return n.daemon.status().stream().filter(s -> s.name().equals(instance)).findFirst()
                .map(InstanceStatus::advertsSent).orElseThrow();
    }

    /** lb1's own lines: lb2 runs only VI_1, so an instance of lb1's alone is named only by lb1. */
    private static void assertNoTransition(List<String> lines, String... instances) {
        for (String i : instances) {
            assertThat(lines).as(i + " makes no transition").noneMatch(l -> l.startsWith("(" + i + ") Entering"));
        }
    }

    /** The kept master's adverts around the reload: none missed (gap under two intervals), none extra. */
    private static void assertCadence(FakeLan lan, int vrid, long reloadAt) {
        List<Long> at = lan.sentBy("lb1").stream().filter(s -> s.packet().vrid() == vrid)
                .filter(s -> s.nanos() > reloadAt - 1_000_000_000L && s.nanos() < reloadAt + 500_000_000L)
                .map(FakeLan.Sent::nanos).toList();
        for (int i = 1; i < at.size(); i++) {
            assertThat((at.get(i) - at.get(i - 1)) / 1_000_000).as("gap between adverts %d and %d", i - 1, i)
                    .isLessThan(200);
        }
        assertThat(at.size()).as("about 15 adverts in 1.5 s at 0.1 s, no burst").isBetween(13, 17);
    }
}
