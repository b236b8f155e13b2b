package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.control.ControlClient;
import io.keepalived4j.control.ControlReply;
import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.PacketCapture;
import io.keepalived4j.vrrp.codec.Pcap;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runtime control of a running keepalived4j daemon (lb1, priority 100) beside keepalived 2.2.7
 * (lb2, priority 90), VRRPv3 at 0.2 s, through the daemon's control socket: maintenance hands the
 * VIP to keepalived and holds lb1 in BACKUP, releasing it lets lb1 preempt back, and a priority
 * override is what lb1's adverts carry on the wire.
 */
class RuntimeControlLabTest {

    private static final Duration ADVERT = Duration.ofMillis(200);
    private static final Duration MASTER_DOWN_90 = ADVERT.multipliedBy(3).plus(Duration.ofNanos(166 * ADVERT.toNanos() / 256));
    private static final Duration WAIT = MASTER_DOWN_90.plusSeconds(4);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    private static Path socketOf(io.keepalived4j.testsupport.lab.LabHost host) {
        return host.lab().workDir().resolve("ctl-" + host.name() + ".sock");
    }

    private static ControlReply ctl(Path socket, String command) throws IOException {
        ControlReply r = ControlClient.send(socket, command);
        assertThat(r.ok()).as("%s -> %s", command, r.lines()).isTrue();
        return r;
    }

    @Test
    void maintenanceHandsOverAndHoldsBackupUntilReleasedAndAPriorityOverrideIsAdvertised() throws Exception {
        NodeFactory controlled = (host, config) -> Keepalived4jProcess.withControlSocket(host, config, socketOf(host));
        try (TwoNodeLab t = TwoNodeLab.create(controlled, NodeFactory.KEEPALIVED, lab -> lab.vip4(4),
                (lab, vip, id, state, prio) -> new VrrpConfig(id, 3, state, 55, prio, "0.2", vip, Lab.PREFIX4, 1).render(""))) {
            Path socket = socketOf(t.lb1Host);
            t.startLb1MasterThenLb2Backup(WAIT);
            assertThat(String.join("\n", ctl(socket, "show instances").lines())).containsPattern("VI_1 +MASTER +100 +100 +- +off");

            // Maintenance: a priority-0 advert, keepalived takes over after its Skew_Time.
            ctl(socket, "maintenance VI_1 on");
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            Instant held = Instant.now();
            t.lb1.waitForLog("\\(VI_1\\) Entering maintenance: held in BACKUP until released", WAIT);
            // lb1 has the higher priority and preempt, yet stays BACKUP while held.
            sleep(MASTER_DOWN_90.multipliedBy(4));
            assertThat(t.watcher.holdersNow()).as(t.watcher.describe()).containsExactly("lb2");
            assertThat(t.watcher.maxSimultaneousHoldersSince(held)).as(t.watcher.describe()).isEqualTo(1);
            assertThat(String.join("\n", ctl(socket, "show instances").lines())).containsPattern("VI_1 +BACKUP +100 +100 +- +on");

            // Released: lb1 preempts keepalived's lower-priority master.
            ctl(socket, "maintenance VI_1 off");
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);

            // A priority override is what goes on the wire.
            try (PacketCapture capture = PacketCapture.start(t.lb2Host, "ip proto 112")) {
                ctl(socket, "set priority VI_1 120");
                sleep(ADVERT.multipliedBy(5));
                List<Integer> priorities = advertPriorities(capture.stop(), t.lb1Host.address4());
                assertThat(priorities).as("lb1's adverts after the override").isNotEmpty();
                assertThat(priorities.getLast()).isEqualTo(120);
            }
            t.lb1.waitForLog("\\(VI_1\\) Changing effective priority from 100 to 120", WAIT);
            assertThat(String.join("\n", ctl(socket, "show instances").lines())).containsPattern("VI_1 +MASTER +120 +100 +120 +off");
            // Below keepalived's 90: it preempts.
            ctl(socket, "set priority VI_1 50");
            t.watcher.awaitSingleHolder(t.lb2Host, WAIT);
            ctl(socket, "set priority VI_1 default");
            t.watcher.awaitSingleHolder(t.lb1Host, WAIT);
            assertThat(t.lb1.log().text()).contains("Control channel: root: maintenance VI_1 on -> ok");
        }
    }

    /** The VRRP priority field of every advert from {@code source}, in capture order. */
    static List<Integer> advertPriorities(List<Pcap.Frame> frames, InetAddress source) {
        return frames.stream().filter(f -> {
            byte[] b = f.bytes();
            return b.length > 34 && Arrays.equals(Arrays.copyOfRange(b, 26, 30), source.getAddress());
        }).map(f -> {
            byte[] b = f.bytes();
            int ihl = (b[14] & 0x0f) * 4;
            return b[14 + ihl + 2] & 0xff;
        }).toList();
    }
}
