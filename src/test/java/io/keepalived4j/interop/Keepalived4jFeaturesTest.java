package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.VipWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two keepalived4j nodes (lb1 priority 100, lb2 90, VRRPv3 advert_int 0.2 s) on real sockets in
 * the lab: nopreempt keeps the master, a weighted track_script and a weighted track_interface move
 * mastership and give it back, a sync group moves together, and a VIP a crashed run left behind is
 * removed when the daemon starts again.
 */
class Keepalived4jFeaturesTest {

    private static final Duration ADVERT = Duration.ofMillis(200);
    private static final Duration MASTER_DOWN_90 = ADVERT.multipliedBy(3).plus(Duration.ofNanos(166 * ADVERT.toNanos() / 256));
    private static final Duration WAIT = MASTER_DOWN_90.plusSeconds(4);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    private static TwoNodeLab pair(TwoNodeLab.LabConfigOf config) {
        return TwoNodeLab.create(NodeFactory.KEEPALIVED4J, NodeFactory.KEEPALIVED4J, lab -> lab.vip4(4), config);
    }

    private static String node(Lab lab, java.net.InetAddress vip, String id, String state, int prio, String extra) {
        return new VrrpConfig(id, 3, state, 55, prio, "0.2", vip, Lab.PREFIX4, 1).render(extra);
    }

    @Test
    void nopreemptKeepsTheCurrentMasterWhenAHigherPriorityNodeReturns() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, "BACKUP", prio, "nopreempt"))) {
            t.lb2.start();
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            t.lb1.start();
            t.lb1.waitForLog("\\(VI_1\\) Entering BACKUP STATE", WAIT);
            Instant joined = Instant.now();
            sleep(MASTER_DOWN_90.multipliedBy(3));
            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb2");
            assertThat(t.watcher.maxSimultaneousHoldersSince(joined)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(t.lb1.log().text()).doesNotContain("Entering MASTER STATE");
            t.lb2.stop();
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
        }
    }

    @Test
    void weightedTrackScriptMovesMastershipAndGivesItBack() throws Exception {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio, "track_script {\n    chk_flag\n}")
                .replace("vrrp_instance", """
                        vrrp_script chk_flag {
                            script "/usr/bin/test -f %s"
                            interval 1
                            weight -20
                        }

                        vrrp_instance""".formatted(lab.workDir().resolve("flag-" + id))))) {
            Path flag1 = t.lab.workDir().resolve("flag-lb1");
            Files.writeString(flag1, "up");
            Files.writeString(t.lab.workDir().resolve("flag-lb2"), "up");
            t.startLb1MasterThenLb2Backup(WAIT);
            t.lb1.waitForLog("VRRP_Script\\(chk_flag\\) succeeded", WAIT);
            t.lb2.waitForLog("VRRP_Script\\(chk_flag\\) succeeded", WAIT);
            sleep(ADVERT.multipliedBy(5));
            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb1");

            Files.delete(flag1);
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            assertThat(t.lb1.log().text()).contains("VRRP_Script(chk_flag) failed")
                    .contains("(VI_1) Changing effective priority from 100 to 80");

            Files.writeString(flag1, "up");
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
            assertThat(t.lb1.log().text()).contains("(VI_1) Changing effective priority from 80 to 100");
        }
    }

    @Test
    void weightedTrackInterfaceMovesMastershipAndGivesItBack() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio,
                "track_interface {\n    trk0 weight -20\n}"))) {
            trackableInterfaces(t);
            t.startLb1MasterThenLb2Backup(WAIT);
            sleep(ADVERT.multipliedBy(5));
            t.lb1Host.ip("link", "set", "trk0", "down");
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            assertThat(t.lb1.log().text()).contains("(VI_1) Changing effective priority from 100 to 80");
            t.lb1Host.ip("link", "set", "trk0", "up");
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
        }
    }

    @Test
    void trackFileAndTrackProcessMoveMastershipAndGiveItBack() throws Exception {
        // A process name of this test's own (comm is the executable's file name), so no other
        // process on the machine can meet the quorum by accident.
        String procName = "k4jtrk" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio,
                "track_file {\n    prio_file\n}\ntrack_process {\n    proc_up\n}").replace("vrrp_instance", """
                        track_file prio_file {
                            file "%s"
                            weight 1
                            init_file 0 overwrite
                        }
                        vrrp_track_process proc_up {
                            process %s
                            weight -20
                        }

                        vrrp_instance""".formatted(lab.workDir().resolve("prio-" + id), procName + id)))) {
            Path exe1 = t.lab.workDir().resolve(procName + "lb1");
            Path exe2 = t.lab.workDir().resolve(procName + "lb2");
            Files.copy(Path.of("/bin/sleep"), exe1);
            Files.copy(Path.of("/bin/sleep"), exe2);
            Process p1 = new ProcessBuilder(exe1.toString(), "1000").start();
            Process p2 = new ProcessBuilder(exe2.toString(), "1000").start();
            try {
                t.startLb1MasterThenLb2Backup(WAIT);
                sleep(ADVERT.multipliedBy(5));
                // track_file: lb1's value -30 times weight 1: priority 70 < 90.
                Files.writeString(t.lab.workDir().resolve("prio-lb1"), "-30\n");
                t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
                assertThat(t.lb1.log().text()).contains("(VI_1) Changing effective priority from 100 to 70");
                Files.writeString(t.lab.workDir().resolve("prio-lb1"), "0\n");
                t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
                // vrrp_track_process: lb1's process ends, weight -20: priority 80 < 90.
                p1.destroyForcibly().waitFor();
                t.watcher.awaitSingleHolder(t.lb2Host, WAIT.plusSeconds(1));
                assertThat(t.lb1.log().text()).contains("(VI_1) Changing effective priority from 100 to 80");
            } finally {
                p1.destroyForcibly().waitFor();
                p2.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void syncGroupMembersMoveTogetherWhenOneFaults() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> syncGroupNode(lab, id, state, prio))) {
            trackableInterfaces(t);
            try (VipWatcher second = VipWatcher.start(t.lab.vip4(5), t.lab.hosts())) {
                t.startLb1MasterThenLb2Backup(WAIT);
                second.awaitSingleHolder(t.lb1Host, WAIT);
                sleep(ADVERT.multipliedBy(5));
                Instant fault = Instant.now();
                // Only VI_1 tracks trk0 (unweighted: FAULT); the group takes VI_2 along.
                t.lb1Host.ip("link", "set", "trk0", "down");
                t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
                second.awaitSingleHolder(t.lb2Host, WAIT);
                assertThat(t.lb1.log().text()).contains("(VI_1) Entering FAULT STATE").contains("(VI_2) Entering FAULT STATE")
                        .contains("VRRP_Group(G1) Syncing instances to FAULT state");
                assertThat(t.watcher.maxSimultaneousHoldersSince(fault)).as(t.watcher.describe()).isEqualTo(1);
                assertThat(second.maxSimultaneousHoldersSince(fault)).as(second.describe()).isEqualTo(1);
                t.lb1Host.ip("link", "set", "trk0", "up");
                t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
                second.awaitSingleHolder(t.lb1Host, WAIT);
            }
        }
    }

    /** trk0 on both nodes: one end of a veth pair inside the node (this kernel has no dummy devices). */
    private static void trackableInterfaces(TwoNodeLab t) {
        for (var h : java.util.List.of(t.lb1Host, t.lb2Host)) {
            h.ip("link", "add", "trk0", "type", "veth", "peer", "name", "trk0p");
            h.ip("link", "set", "trk0p", "up");
            h.ip("link", "set", "trk0", "up");
        }
    }

    private static String syncGroupNode(Lab lab, String id, String state, int prio) {
        return """
                global_defs {
                    router_id %1$s
                }
                vrrp_sync_group G1 {
                    group {
                        VI_1
                        VI_2
                    }
                }
                vrrp_instance VI_1 {
                    state %2$s
                    interface eth0
                    virtual_router_id 56
                    priority %3$d
                    advert_int 0.2
                    version 3
                    track_interface {
                        trk0
                    }
                    virtual_ipaddress {
                        %4$s/24 dev eth0
                    }
                }
                vrrp_instance VI_2 {
                    state %2$s
                    interface eth0
                    virtual_router_id 57
                    priority %3$d
                    advert_int 0.2
                    version 3
                    virtual_ipaddress {
                        %5$s/24 dev eth0
                    }
                }
                """.formatted(id, state, prio, lab.vip4(4).getHostAddress(), lab.vip4(5).getHostAddress());
    }

    @Test
    void scriptDisabledByScriptSecurityNeverRunsAndDoesNotCount() throws Exception {
        // Under /tmp (world-writable), so enable_script_security disables it, as keepalived does.
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio,
                "track_script {\n    chk_unsafe\n}").replace("global_defs {", "global_defs {\n    enable_script_security\n"
                + "    script_user root").replace("vrrp_instance", """
                        vrrp_script chk_unsafe {
                            script "%s"
                            interval 1
                        }

                        vrrp_instance""".formatted(lab.workDir().resolve("unsafe.sh"))))) {
            Path script = t.lab.workDir().resolve("unsafe.sh");
            Path ran = t.lab.workDir().resolve("ran");
            Files.writeString(script, "#!/bin/sh\ntouch " + ran + "\nexit 1\n");
            Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            t.lb1.start();
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
            sleep(Duration.ofMillis(1500));
            assertThat(t.lb1.log().text()).contains("Unsafe permissions found for script").doesNotContain("FAULT");
            assertThat(ran).as("a disabled script never runs").doesNotExist();
        }
    }

    @Test
    void masterReportsItsVipAnsweredFromAnotherMacAsSplitBrain() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio, ""))) {
            t.lb1.start();
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
            // An impostor on lb2 (no VRRP there) holds the VIP too: lb1's periodic ARP probe
            // (every 10 s while MASTER) gets its answer from lb2's MAC.
            t.lb2Host.ip("addr", "add", t.vip.getHostAddress() + "/24", "dev", "eth0");
            String line = t.lb1.waitForLog("\\(VI_1\\) split brain: VIP " + t.vip.getHostAddress().replace(".", "\\.")
                    + " is also answered by " + t.lb2Host.mac(), Duration.ofSeconds(15));
            assertThat(line).contains("another node holds it");
            assertThat(t.lb1.log().text().split("split brain: VIP", -1)).as("reported once").hasSize(2);
        }
    }

    @Test
    void useVmacKeepsTheVirtualMacOnTheVipWhoeverIsMaster() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio, "use_vmac"))) {
            // The client learns the VIP's MAC from the gratuitous ARPs alone (no traffic of its own,
            // whose replies the kernel may route out of the parent interface).
            t.client.exec(java.util.List.of("sysctl", "-w", "net.ipv4.conf.eth0.arp_accept=1"), Duration.ofSeconds(5));
            t.startLb1MasterThenLb2Backup(WAIT);
            // RFC 5798 7.3: 00-00-5E-00-01-{VRID}, VRID 55 = 0x37, on the macvlan vrrp.55.
            assertThat(t.lb1Host.ip("-o", "link", "show", "vrrp.55")).contains("00:00:5e:00:01:37");
            assertThat(t.lb1Host.ip("-o", "addr", "show", "dev", "vrrp.55")).contains(t.vip.getHostAddress());
            awaitNeighbour(t, "00:00:5e:00:01:37");
            assertThat(t.client.reachesWithin(t.vip, Duration.ofSeconds(3))).isTrue();
            t.lb1.stop();
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            assertThat(t.lb1Host.ip("-o", "link", "show")).as("the VMAC goes with the daemon").doesNotContain("vrrp.55");
            assertThat(t.lb2Host.ip("-o", "addr", "show", "dev", "vrrp.55")).contains(t.vip.getHostAddress());
            t.client.ip("neigh", "flush", "dev", "eth0");
            awaitNeighbour(t, "00:00:5e:00:01:37");
            assertThat(t.client.reachesWithin(t.vip, Duration.ofSeconds(3))).isTrue();
        }
    }

    private static void awaitNeighbour(TwoNodeLab t, String mac) {
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!t.client.neighbourMac(t.vip).map(mac::equals).orElse(false) && System.nanoTime() < end) {
            sleep(Duration.ofMillis(50));
        }
        assertThat(t.client.neighbourMac(t.vip)).contains(mac);
    }

    @Test
    void netNamespaceRunsTheWholeDaemonInsideTheNamedNamespace() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio, ""))) {
            // Started in the client's namespace; the configuration moves it into lb1's.
            String config = "net_namespace " + t.lb1Host.namespace() + "\n"
                    + node(t.lab, t.vip, "lb1", "MASTER", 100, "");
            try (var node = io.keepalived4j.testsupport.lab.Keepalived4jProcess.create(t.client, config)) {
                node.start();
                t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
                node.stop();
                t.watcher.awaitNoHolder(WAIT);
                assertThat(node.isRunning()).isFalse();
                assertThat(node.log().text()).contains("(VI_1) Entering MASTER STATE").contains("(VI_1) sent 0 priority");
            }
        }
    }

    @Test
    void vipLeftByACrashedRunIsRemovedWhenTheDaemonStartsAgain() {
        try (TwoNodeLab t = pair((lab, vip, id, state, prio) -> node(lab, vip, id, state, prio, ""))) {
            t.startLb1MasterThenLb2Backup(WAIT);
            sleep(ADVERT.multipliedBy(5));
            t.lb1.kill9();
            t.watcher.awaitHolders(Set.of("lb1", "lb2"), WAIT); // the crashed run's VIP stays behind
            Instant restart = Instant.now();
            t.lb1.start();
            // At start lb1 removes its stale VIP before it runs for master again.
            Instant cleaned = t.watcher.awaitHolders(Set.of("lb2"), WAIT);
            assertThat(cleaned).isAfter(restart);
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
        }
    }
}
