package io.keepalived4j.interop;

import static io.keepalived4j.interop.KeepalivedV2ElectionTest.sleep;
import static io.keepalived4j.interop.KeepalivedV2ElectionTest.v2Lab;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.lab.ArpFrame;
import io.keepalived4j.testsupport.lab.PacketCapture;
import io.keepalived4j.vrrp.codec.Pcap;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a host on the segment sees when the backup (keepalived 2.2.7 or keepalived4j) becomes MASTER: garp_master_repeat (5)
 * gratuitous ARPs for the VIP at once, and the same burst again garp_master_delay later
 * (keepalived vrrp.c vrrp_state_become_master / vrrp_gratuitous_arp_thread; see vrrp-wire.md 8).
 */
class KeepalivedGratuitousArpTest {

    private static final int GARP_MASTER_DELAY_S = 1;
    private static final Duration BURST_SPREAD = Duration.ofMillis(100); // back-to-back: vrrp_garp_interval 0

    @BeforeEach
    void needsRoot() {
        TwoNodeLab.assumeRunnable();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pairing.class)
    void newMasterBroadcastsFiveGratuitousArpsThenFiveMoreAfterGarpMasterDelay(Pairing pair) {
        try (TwoNodeLab t = v2Lab(pair.lb1(), pair.lb2(), GARP_MASTER_DELAY_S)) {
            t.startLb1MasterThenLb2Backup(Duration.ofSeconds(10));
            sleep(Duration.ofMillis(1500)); // lb1's own second burst (1 s after its MASTER entry) is over
            List<Pcap.Frame> frames;
            Instant tookOver;
            try (PacketCapture capture = PacketCapture.start(t.client, "arp")) {
                t.lb1.stop();
                tookOver = t.watcher.awaitSingleHolder(t.lb2Host, Duration.ofSeconds(3));
                sleep(Duration.ofSeconds(GARP_MASTER_DELAY_S).plusMillis(1500)); // both bursts, and no third
                frames = capture.stop();
            }

            List<Pcap.Frame> garps = frames.stream()
                    .filter(f -> ArpFrame.parse(f.bytes()).map(a -> a.senderIp().equals(t.vip)).orElse(false))
                    .toList();
            assertThat(garps).as("ARP frames for the VIP seen by the client").hasSize(10);
            byte[] expected = garp(t.lb2Host.mac(), t.vip.getAddress());
            assertThat(garps).allSatisfy(f -> assertThat(f.bytes()).startsWith(expected));

            Instant first = garps.getFirst().time();
            Instant second = garps.get(5).time();
            assertThat(Duration.between(first, garps.get(4).time())).isLessThan(BURST_SPREAD);
            assertThat(Duration.between(second, garps.get(9).time())).isLessThan(BURST_SPREAD);
            // The burst follows the VIP being set ("setting VIPs." then "Sending/queueing gratuitous ARPs").
            assertThat(Duration.between(tookOver, first).abs()).isLessThan(Duration.ofMillis(250));
            assertThat(Duration.between(first, second))
                    .isBetween(Duration.ofSeconds(GARP_MASTER_DELAY_S).minusMillis(100),
                            Duration.ofSeconds(GARP_MASTER_DELAY_S).plusMillis(400));
        }
    }

    /**
     * keepalived's gratuitous ARP (vrrp_arp.c send_gratuitous_arp_immediate): broadcast ARP
     * request, sender = target = VIP, target hardware address ff:ff:ff:ff:ff:ff (not the zeros
     * RFC 5227 suggests).
     */
    private static byte[] garp(String mac, byte[] vip) {
        byte[] own = ArpFrame.macBytes(mac);
        byte[] broadcast = ArpFrame.macBytes("ff:ff:ff:ff:ff:ff");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(broadcast);                                // Ethernet destination
        b.writeBytes(own);                                      // Ethernet source
        b.writeBytes(new byte[] {0x08, 0x06});                  // ethertype ARP
        b.writeBytes(new byte[] {0, 1, 0x08, 0x00, 6, 4, 0, 1}); // htype Ethernet, ptype IPv4, hlen, plen, op request
        b.writeBytes(own);                                      // sender hardware address
        b.writeBytes(vip);                                      // sender protocol address
        b.writeBytes(broadcast);                                // target hardware address
        b.writeBytes(vip);                                      // target protocol address
        return b.toByteArray();
    }
}
