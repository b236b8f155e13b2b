package io.keepalived4j.vrrp.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class VipConflictDetectorTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final InetAddress VIP = InetAddress.ofLiteral("10.0.0.100");
    private static final InetAddress OTHER_VIP = InetAddress.ofLiteral("10.0.0.101");
    private static final InetAddress PEER = InetAddress.ofLiteral("10.0.0.1");
    private static final byte[] OUR_MAC = HEX.parseHex("026b00000001");
    private static final byte[] VMAC = HEX.parseHex("00005e000133");
    private static final byte[] FOREIGN = HEX.parseHex("026b00000002");
    private static final byte[] FOREIGN_2 = HEX.parseHex("026b00000003");

    private final VipConflictDetector detector =
            new VipConflictDetector("VI_1", List.of(VIP, OTHER_VIP, InetAddress.ofLiteral("fd00::1")), List.of(OUR_MAC, VMAC));

    @Test
    void aForeignReplyForOurVipWhileMasterIsReportedOnceAndCountedEveryTime() {
        assertThat(detector.observe(reply(VIP, FOREIGN), true, 0)).contains(
                "(VI_1) split brain: VIP 10.0.0.100 is also answered by 02:6b:00:00:00:02 (ARP reply); another node holds it");
        assertThat(detector.observe(reply(VIP, FOREIGN), true, 0)).isEmpty();
        assertThat(detector.observe(garp(VIP, FOREIGN), true, 0)).isEmpty();

        assertThat(detector.count()).isEqualTo(3);
        assertThat(detector.last()).isEqualTo("VIP 10.0.0.100 from 02:6b:00:00:00:02 (gratuitous ARP)");
    }

    @Test
    void eachVipAndForeignMacPairIsReportedOnItsOwnAtMostOncePer10Seconds() {
        assertThat(detector.observe(garp(VIP, FOREIGN), true, 0)).hasValueSatisfying(
                l -> assertThat(l).contains("VIP 10.0.0.100", "02:6b:00:00:00:02", "(gratuitous ARP)"));
        assertThat(detector.observe(garp(OTHER_VIP, FOREIGN), true, 9_999_999)).as("inside the rate limit").isEmpty();
        assertThat(detector.observe(request(VIP, FOREIGN_2), true, 10_000_000)).hasValueSatisfying(
                l -> assertThat(l).contains("VIP 10.0.0.100", "02:6b:00:00:00:03", "(ARP request)")
                        .endsWith("[1 more alarms from other sources since the last report]"));
        assertThat(detector.observe(garp(OTHER_VIP, FOREIGN), true, 30_000_000)).as("already remembered").isEmpty();
        assertThat(detector.count()).isEqualTo(4);
    }

    @Test
    void arpFromAMillionRandomMacsCostsBoundedMemoryAndAFewLines() {
        java.util.Random random = new java.util.Random(7);
        int lines = 0;
        long now = 0;
        for (int i = 0; i < 1_000_000; i++) {
            byte[] mac = new byte[6];
            random.nextBytes(mac);
            mac[0] = 0x02;
            now += 20; // 50,000 frames a second for 20 s
            if (detector.observe(reply(VIP, mac), true, now).isPresent()) {
                lines++;
            }
        }
        assertThat(detector.count()).isEqualTo(1_000_000);
        assertThat(lines).as("one line per 10 s of the 20 s flood").isBetween(2, 3);
        assertThat(detector.remembered()).isLessThanOrEqualTo(64);
    }

    @Test
    void ourOwnMacsNeverCount() {
        assertThat(detector.observe(garp(VIP, OUR_MAC), true, 0)).isEmpty();
        assertThat(detector.observe(reply(VIP, VMAC), true, 0)).isEmpty();
        assertThat(detector.count()).isZero();
        assertThat(detector.last()).isEmpty();
    }

    @Test
    void addressesThatAreNotOurVipsNeverCount() {
        assertThat(detector.observe(reply(PEER, FOREIGN), true, 0)).isEmpty();
        // An RFC 5227 probe for the VIP has sender IP 0.0.0.0: someone asks, nobody claims.
        assertThat(detector.observe(new ArpSighting(1, InetAddress.ofLiteral("0.0.0.0"), FOREIGN, VIP), true, 0)).isEmpty();
        assertThat(detector.count()).isZero();
    }

    @Test
    void whileBackupTheMastersArpIsExpectedAndNotCounted() {
        assertThat(detector.observe(garp(VIP, FOREIGN), false, 0)).isEmpty();
        assertThat(detector.count()).isZero();

        assertThat(detector.observe(garp(VIP, FOREIGN), true, 0)).as("first time seen as MASTER").isPresent();
        assertThat(detector.count()).isEqualTo(1);
    }

    @Test
    void macsMustBeSixBytes() {
        assertThatThrownBy(() -> new VipConflictDetector("VI_1", List.of(VIP), List.of(new byte[5])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArpSighting(2, VIP, new byte[7], PEER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyIpv4VipsAreWatched() {
        assertThat(detector.vips()).containsExactlyInAnyOrder(VIP, OTHER_VIP);
    }

    private static ArpSighting reply(InetAddress sender, byte[] mac) {
        return new ArpSighting(2, sender, mac, PEER);
    }

    private static ArpSighting request(InetAddress sender, byte[] mac) {
        return new ArpSighting(1, sender, mac, PEER);
    }

    private static ArpSighting garp(InetAddress vip, byte[] mac) {
        return new ArpSighting(1, vip, mac, vip);
    }
}
