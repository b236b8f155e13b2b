package io.keepalived4j.testsupport.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.Root;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabTest {

    private static final Duration FIVE_S = Duration.ofSeconds(5);

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
        LabTools.assumeInstalledOrFailOnCi(LabTools.LAB);
    }

    @Test
    void hostsReachEachOtherOverIpv4AndIpv6ThroughTheBridge() {
        try (Lab lab = Lab.create("a", "b")) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");

            assertThat(a.reaches(b.address4())).isTrue();
            assertThat(a.reaches(b.address6())).isTrue();
            assertThat(a.neighbourMac(b.address4())).contains(b.mac());
            assertThat(a.neighbourMac(b.address6())).contains(b.mac());
            assertThat(a.reaches(lab.vip4(1))).isFalse();
            assertThat(a.address4().getAddress()[0]).isEqualTo((byte) 10);
            assertThat(a.address6().getAddress()[0]).isEqualTo((byte) 0xfd);
        }
    }

    @Test
    void linkDownCutsTheHostOffAndLinkUpRestoresBothFamilies() {
        try (Lab lab = Lab.create("a", "b")) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");

            a.linkDown();
            boolean cut = a.reaches(b.address4());
            a.linkUp();

            assertThat(cut).isFalse();
            assertThat(a.reaches(b.address6())).isTrue();
            assertThat(a.reaches(b.address4())).isTrue();
        }
    }

    @Test
    void partitionSilentlyDetachesTheHostAndHealReattachesIt() {
        try (Lab lab = Lab.create("a", "b")) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");

            a.partition();
            boolean cut = a.reaches(b.address4());
            String links = a.ip("-o", "link", "show", "eth0");
            a.heal();

            assertThat(cut).isFalse();
            assertThat(links).contains("state UP"); // unlike linkDown(): the host itself notices nothing
            assertThat(a.reachesWithin(b.address4(), Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void closeRemovesEveryNamespaceAndNothingEverAppearsOnTheHost() {
        Lab lab = Lab.create("a", "b");
        String id = lab.id();
        assertThat(hostCommand("ip", "netns", "list")).contains("k4j-lab-" + id + "-sw", "k4j-lab-" + id + "-a");
        assertThat(hostCommand("ip", "-o", "link")).doesNotContain(id);

        lab.close();

        assertThat(hostCommand("ip", "netns", "list")).doesNotContain(id);
        assertThat(hostCommand("ip", "-o", "link")).doesNotContain(id);
        assertThat(lab.workDir()).doesNotExist();
        lab.close(); // idempotent
    }

    @Test
    void failedCreationLeavesNoNamespaceBehind() {
        List<String> before = labNamespaces();

        // The second "a" is refused after the switch and the first "a" exist.
        assertThatThrownBy(() -> Lab.create("a", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate host a");

        assertThat(labNamespaces()).isSubsetOf(before);
    }

    @Test
    void closeKillsProcessesATestLeftRunningInTheLab() {
        Lab lab = Lab.create("a");
        HostProcess forgotten = HostProcess.start(lab.host("a"), List.of("sleep", "60"), lab.workDir().resolve("sleep.log"));
        try {
            assertThatThrownBy(lab::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("killed leftover").hasMessageContaining("pid " + forgotten.pid());

            assertThat(ProcessHandle.of(forgotten.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(hostCommand("ip", "netns", "list")).doesNotContain(lab.id());
        } finally {
            forgotten.close();
        }
    }

    @Test
    void watcherRecordsEveryHolderChangeInOrder() {
        try (Lab lab = Lab.create("a", "b");
                VipWatcher vip = VipWatcher.start(lab.vip4(7), lab.hosts())) {
            LabHost a = lab.host("a");
            LabHost b = lab.host("b");
            String cidr = lab.vip4(7).getHostAddress() + "/24";
            assertThat(vip.holdersNow()).isEmpty();

            a.ip("addr", "add", cidr, "dev", "eth0");
            vip.awaitSingleHolder(a, FIVE_S);
            var both = java.time.Instant.now();
            b.ip("addr", "add", cidr, "dev", "eth0");
            vip.awaitHolders(java.util.Set.of("a", "b"), FIVE_S);
            a.ip("addr", "del", cidr, "dev", "eth0");
            var onlyB = vip.awaitSingleHolder(b, FIVE_S);

            assertThat(vip.maxSimultaneousHoldersSince(both)).as(vip.describe()).isEqualTo(2);
            assertThat(vip.maxSimultaneousHoldersSince(onlyB)).as(vip.describe()).isEqualTo(1);
            assertThat(vip.timeline()).map(VipWatcher.Change::holders).as(vip.describe())
                    .containsSubsequence(java.util.Set.of("a"), java.util.Set.of("a", "b"), java.util.Set.of("b"));
        }
    }

    @Test
    void captureSeesFramesSentAfterStartReturned() {
        try (Lab lab = Lab.create("a", "b");
                PacketCapture capture = PacketCapture.start(lab.host("b"), "tcp port 9")) {
            assertThat(lab.host("a").reaches(lab.host("b").address4())).isTrue();
            assertThat(lab.host("a").reaches(lab.host("b").address6())).isTrue();

            var frames = capture.stop();

            // Per family a SYN in and a RST out; the very first SYN is the one lost if start() returned too early.
            assertThat(frames).hasSize(4);
            assertThat(frames.getFirst().bytes()).startsWith(bytes(lab.host("b").mac()));
            assertThat(frames.get(1).time()).isAfterOrEqualTo(frames.get(0).time());
        }
    }

    private static List<String> labNamespaces() {
        return hostCommand("ip", "netns", "list").lines().filter(l -> l.startsWith("k4j-lab-")).toList();
    }

    private static byte[] bytes(String mac) {
        return java.util.HexFormat.ofDelimiter(":").parseHex(mac);
    }

    private static String hostCommand(String... argv) {
        ExecResult r = Exec.run(List.of(argv), FIVE_S);
        assertThat(r.ok()).as("%s", r).isTrue();
        return r.stdout();
    }
}
