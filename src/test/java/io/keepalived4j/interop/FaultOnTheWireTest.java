package io.keepalived4j.interop;

import io.keepalived4j.testsupport.lab.Keepalived4jProcess;
import io.keepalived4j.testsupport.lab.Lab;
import io.keepalived4j.testsupport.lab.LogFile;
import io.keepalived4j.testsupport.lab.PacketCapture;
import io.keepalived4j.vrrp.codec.DecodeResult;
import io.keepalived4j.vrrp.codec.Pcap;
import io.keepalived4j.vrrp.codec.VrrpDecoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected into a keepalived4j MASTER on real sockets (a test-only main, FaultyDaemonMain),
 * with keepalived 2.2.7 as the BACKUP: an Error in the VRRP loop and a loop that never returns end
 * in a stop within the bound, the VIP gone and a priority-0 advert on the wire (captured on the
 * backup's side); an Error in the receive thread restarts it with a log line and nothing else
 * changes.
 */
class FaultOnTheWireTest {

    private static final String MAIN = "io.keepalived4j.daemon.FaultyDaemonMain";
    private static final Duration START = Duration.ofSeconds(15);

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    private static TwoNodeLab lab(String fault, Path trigger, String advertInt) {
        NodeFactory faulty = (host, config) -> Keepalived4jProcess.withFault(host, config, MAIN, fault, trigger);
        return TwoNodeLab.create(faulty, NodeFactory.KEEPALIVED, lab -> lab.vip4(7),
                (vip, id, state, prio) -> new VrrpConfig(id, 3, state, 57, prio, advertInt, vip, Lab.PREFIX4, 1).render());
    }

    @Test
    void anErrorInTheLoopEndsInPriorityZeroOnTheWireAndTheVipGone() throws Exception {
        assertStopsCleanly("loop-error", "0.1", Duration.ofSeconds(5), "VRRP loop failed: java.lang.Error");
    }

    @Test
    void aLoopThatNeverReturnsEndsInPriorityZeroOnTheWireBeforeTheBackupWouldTakeOver() throws Exception {
        // At advert_int 1 the watchdog's limit is 2 s, below the backup's Master_Down_Interval (3.65 s):
        // the master says goodbye before the backup times out, so the VIP is never held twice.
        assertStopsCleanly("loop-stuck", "1", Duration.ofSeconds(2 + 5), "the VRRP loop is stuck: releasing the VIPs directly");
    }

    private void assertStopsCleanly(String fault, String advertInt, Duration bound, String logLine) throws Exception {
        Path trigger = Files.createTempFile("k4j-fault-", ".trigger");
        Files.delete(trigger);
        try (TwoNodeLab t = lab(fault, trigger, advertInt)) {
            t.startLb1MasterThenLb2Backup(START);
            try (PacketCapture capture = PacketCapture.start(t.lb2Host, "ip proto 112")) {
                Instant armed = Instant.now();
                Files.writeString(trigger, fault);
                Keepalived4jProcess lb1 = (Keepalived4jProcess) t.lb1;
                long deadline = System.nanoTime() + bound.toNanos();
                while (lb1.isRunning() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(lb1.isRunning()).as("stopped itself within " + bound + ":\n" + lb1.log().tail()).isFalse();
                assertThat(lb1.exitStatus()).as("a failure exit, so a service manager restarts it").hasValue(1);
                t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(3));
                assertThat(t.watcher.maxSimultaneousHoldersSince(armed)).as(t.watcher.describe()).isEqualTo(1);
                List<Pcap.Frame> frames = capture.stop();
                assertThat(priorities(frames, t.lb1Host.address4().getHostAddress())).as("lb1's adverts after the fault")
                        .contains(0);
                assertThat(t.lb1Host.addresses()).doesNotContain(t.vip.getHostAddress());
                assertThat(lb1.log().text()).contains(logLine, "sent 0 priority");
            }
        } finally {
            Files.deleteIfExists(trigger);
        }
    }

    @Test
    void anErrorInTheReceiveThreadRestartsItAndTheMasterStaysMaster() throws Exception {
        Path trigger = Files.createTempFile("k4j-fault-", ".trigger");
        Files.delete(trigger);
        try (TwoNodeLab t = lab("receive-error", trigger, "0.1")) {
            t.startLb1MasterThenLb2Backup(START);
            LogFile.Mark mark = t.lb1.log().mark();
            Instant armed = Instant.now();
            try (PacketCapture capture = PacketCapture.start(t.lb2Host, "ip proto 112")) {
                Files.writeString(trigger, "receive-error");
                t.lb1.waitForLog(mark, "k4j-rx-eth0-v4 failed: java.lang.Error: injected fault in k4j-rx-eth0-v4; "
                        + "restarting it in 100 ms", Duration.ofSeconds(5));
                Thread.sleep(1_000);
                List<Pcap.Frame> frames = capture.stop();
                assertThat(t.lb1.isRunning()).isTrue();
                assertThat(priorities(frames, t.lb1Host.address4().getHostAddress())).isNotEmpty().doesNotContain(0);
                assertThat(t.watcher.holdersNow()).containsExactly(t.lb1Host.name());
                assertThat(t.watcher.maxSimultaneousHoldersSince(armed)).isEqualTo(1);
            }
        } finally {
            Files.deleteIfExists(trigger);
        }
    }

    private static List<Integer> priorities(List<Pcap.Frame> frames, String source) {
        return frames.stream().map(f -> VrrpDecoder.ethernet(f.bytes(), false))
                .filter(r -> r instanceof DecodeResult.Decoded d && d.source().getHostAddress().equals(source))
                .map(r -> ((DecodeResult.Decoded) r).packet().priority()).toList();
    }
}
