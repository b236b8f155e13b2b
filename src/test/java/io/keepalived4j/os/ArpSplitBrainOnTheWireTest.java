package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Root;
import io.keepalived4j.vrrp.instance.ArpSighting;
import io.keepalived4j.vrrp.instance.VipConflictDetector;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end: namespace A really holds address X; our "instance" in B believes it is MASTER for X.
 * The listener and the detector in B must report A's MAC once, however often A claims X.
 */
class ArpSplitBrainOnTheWireTest {

    private static final Inet4Address X = (Inet4Address) InetAddress.ofLiteral("10.79.0.100");

    @Test
    void aMasterHearingItsVipFromAnotherMacReportsItOnce() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create()) {
            Cmd.run("ip", "-n", lab.nsA, "addr", "add", X.getHostAddress() + "/24", "dev", lab.ifA);
            VipConflictDetector detector = new VipConflictDetector("VI_1", List.of(X), List.of(VethLab.MAC_B));
            List<String> errors = new ArrayList<>();
            try (ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
                 GratuitousArpSender garpA = lab.inA(() -> GratuitousArpSender.open(lab.ifA))) {
                // Claim 1: A's kernel answers B's ARP request for X. Claim 2: A announces X itself.
                Cmd.run("ip", "netns", "exec", lab.nsB, "arping", "-c", "1", "-I", lab.ifB, X.getHostAddress());
                garpA.send(X);

                for (ArpPacket p : ArpListenerTest.drain(rx, Duration.ofMillis(700))) {
                    detector.observe(new ArpSighting(p.operation(), p.senderIp(), p.senderMac(), p.targetIp()), true, System.nanoTime() / 1000)
                            .ifPresent(errors::add);
                }
            }

            assertThat(errors).containsExactly("(VI_1) split brain: VIP 10.79.0.100 is also answered by "
                    + "02:00:00:79:00:01 (ARP reply); another node holds it");
            assertThat(detector.count()).isEqualTo(2);
            assertThat(detector.last()).isEqualTo("VIP 10.79.0.100 from 02:00:00:79:00:01 (gratuitous ARP)");
        }
    }

    @Test
    void anArpProbeFromTheMasterMakesTheOtherHolderAnswer() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create()) {
            Cmd.run("ip", "-n", lab.nsA, "addr", "add", X.getHostAddress() + "/24", "dev", lab.ifA);
            VipConflictDetector detector = new VipConflictDetector("VI_1", List.of(X), List.of(VethLab.MAC_B));
            List<String> errors = new ArrayList<>();
            try (ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
                 GratuitousArpSender arpB = lab.inB(() -> GratuitousArpSender.open(lab.ifB))) {
                arpB.sendProbe(X);

                for (ArpPacket p : ArpListenerTest.drain(rx, Duration.ofMillis(700))) {
                    detector.observe(new ArpSighting(p.operation(), p.senderIp(), p.senderMac(), p.targetIp()), true, System.nanoTime() / 1000)
                            .ifPresent(errors::add);
                }
            }

            assertThat(errors).containsExactly("(VI_1) split brain: VIP 10.79.0.100 is also answered by "
                    + "02:00:00:79:00:01 (ARP reply); another node holds it");
            assertThat(detector.count()).isEqualTo(1);
        }
    }

    @Test
    void aProbeNobodyElseHoldsStaysUnanswered() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create()) {
            VipConflictDetector detector = new VipConflictDetector("VI_1", List.of(X), List.of(VethLab.MAC_B));
            try (ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
                 GratuitousArpSender arpB = lab.inB(() -> GratuitousArpSender.open(lab.ifB))) {
                arpB.sendProbe(X);

                for (ArpPacket p : ArpListenerTest.drain(rx, Duration.ofMillis(700))) {
                    assertThat(detector.observe(new ArpSighting(p.operation(), p.senderIp(), p.senderMac(),
                            p.targetIp()), true, System.nanoTime() / 1000)).isEmpty();
                }
            }

            assertThat(detector.count()).isZero();
        }
    }
}
