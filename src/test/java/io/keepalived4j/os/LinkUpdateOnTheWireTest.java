package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Root;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gratuitous ARPs and unsolicited NAs sent in one namespace, captured by tcpdump in the other. */
class LinkUpdateOnTheWireTest {

    private static final HexFormat HEX = HexFormat.of();

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void gratuitousArpArrivesAsKeepalivedsFrame() throws Exception {
        Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("10.79.0.100");
        byte[] vmac = HEX.parseHex("00005e000133"); // RFC 5798 section 7.3 virtual MAC for VRID 51
        try (VethLab lab = VethLab.create();
             GratuitousArpSender garp = lab.inA(() -> GratuitousArpSender.open(lab.ifA))) {
            assertThat(garp.interfaceMac()).isEqualTo(VethLab.MAC_A);
            List<byte[]> frames;
            try (Tcpdump cap = Tcpdump.start(lab.nsB, lab.ifB, "arp")) {
                garp.send(vip);
                garp.send(vip, vmac);
                Thread.sleep(300);
                frames = cap.frames();
            }

            assertThat(frames).containsExactly(
                    HEX.parseHex("ffffffffffff" + "020000790001" + "0806000108000604" + "0001"
                            + "020000790001" + "0a4f0064" + "ffffffffffff" + "0a4f0064"),
                    ArpFrames.gratuitousArp(vmac, vip));
        }
    }

    @Test
    void unsolicitedNeighbourAdvertArrivesAsKeepalivedsFrame() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.ofLiteral("fd00:79::100");
        try (VethLab lab = VethLab.create();
             NeighborAdvertSender na = lab.inA(() -> NeighborAdvertSender.open(lab.ifA))) {
            assertThat(na.router()).as("forwarding is off in a fresh namespace").isFalse();
            List<byte[]> frames;
            try (Tcpdump cap = Tcpdump.start(lab.nsB, lab.ifB, "icmp6 and ip6[40] == 136")) {
                na.send(vip);
                Thread.sleep(300);
                frames = cap.frames();
            }

            assertThat(frames).containsExactly(NeighborAdvertFrames.unsolicited(VethLab.MAC_A, vip, false));
            assertThat(HEX.formatHex(frames.getFirst(), 0, 22)).isEqualTo("333300000001" + "020000790001" + "86dd"
                    + "6000000000203aff");
        }
    }

    @Test
    void routerFlagIsSetWhenTheInterfaceForwardsIpv6() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.ofLiteral("fe80::79");
        try (VethLab lab = VethLab.create()) {
            Cmd.run("ip", "netns", "exec", lab.nsA, "sysctl", "-qw", "net.ipv6.conf." + lab.ifA + ".forwarding=1");
            try (NeighborAdvertSender na = lab.inA(() -> NeighborAdvertSender.open(lab.ifA))) {
                assertThat(na.router()).isTrue();
                List<byte[]> frames;
                try (Tcpdump cap = Tcpdump.start(lab.nsB, lab.ifB, "icmp6 and ip6[40] == 136")) {
                    na.send(vip);
                    Thread.sleep(300);
                    frames = cap.frames();
                }

                assertThat(frames).containsExactly(NeighborAdvertFrames.unsolicited(VethLab.MAC_A, vip, true));
                assertThat(frames.getFirst()[58] & 0xff).as("R and O flags").isEqualTo(0xa0);
            }
        }
    }
}
