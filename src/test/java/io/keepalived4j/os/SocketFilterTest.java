package io.keepalived4j.os;

import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kernel filters: their programs instruction by instruction (linux/filter.h opcodes), and
 * what they let through on real sockets in a veth pair.
 */
class SocketFilterTest {

    private static final Inet4Address VIP = (Inet4Address) InetAddress.ofLiteral("10.79.0.100");
    private static final Inet4Address OTHER = (Inet4Address) InetAddress.ofLiteral("10.79.0.101");
    private static final InetAddress GROUP4 = InetAddress.ofLiteral("224.0.0.18");

    @Test
    void dropAllIsOneReturnZero() {
        assertThat(SocketFilter.dropAll().instructions()).containsExactly(new SocketFilter.Instruction(0x06, 0, 0, 0));
    }

    @Test
    void arpFromLoadsTheSenderAddressAndJumpsToAcceptOnAMatch() {
        List<SocketFilter.Instruction> p = SocketFilter.arpFrom(List.of(VIP, OTHER)).instructions();
        assertThat(p).containsExactly(
                new SocketFilter.Instruction(0x20, 0, 0, 28),            // A = ARP sender IP (frame offset 28)
                new SocketFilter.Instruction(0x15, 2, 0, 0x0a4f0064),    // == 10.79.0.100 ? -> accept
                new SocketFilter.Instruction(0x15, 1, 0, 0x0a4f0065),    // == 10.79.0.101 ? -> accept
                new SocketFilter.Instruction(0x06, 0, 0, 0),             // drop
                new SocketFilter.Instruction(0x06, 0, 0, 0xffff));       // accept the whole frame
    }

    @Test
    void icmpEchoReplyOnIpv4SkipsTheIpHeaderAndComparesTypeCodeIdAndSequence() {
        assertThat(SocketFilter.icmpEchoReply(false, 0x1234, 0x0042).instructions()).containsExactly(
                new SocketFilter.Instruction(0xb1, 0, 0, 0),             // X = 4 * (IHL)
                new SocketFilter.Instruction(0x48, 0, 0, 0),             // A = type, code (at X)
                new SocketFilter.Instruction(0x15, 0, 3, 0x0000),        // echo reply, code 0 ? else drop
                new SocketFilter.Instruction(0x40, 0, 0, 4),             // A = id, sequence (at X + 4)
                new SocketFilter.Instruction(0x15, 0, 1, 0x12340042),    // ours ? else drop
                new SocketFilter.Instruction(0x06, 0, 0, 0xffff),        // accept
                new SocketFilter.Instruction(0x06, 0, 0, 0));            // drop
    }

    @Test
    void icmpEchoReplyOnIpv6ReadsTheMessageFromItsStart() {
        assertThat(SocketFilter.icmpEchoReply(true, 0xffff, 0x10001).instructions()).containsExactly(
                new SocketFilter.Instruction(0x28, 0, 0, 0),             // A = type, code
                new SocketFilter.Instruction(0x15, 0, 3, 0x8100),        // echo reply (129), code 0 ? else drop
                new SocketFilter.Instruction(0x20, 0, 0, 4),             // A = id, sequence
                new SocketFilter.Instruction(0x15, 0, 1, 0xffff0001),    // ours (16-bit sequence) ? else drop
                new SocketFilter.Instruction(0x06, 0, 0, 0xffff),
                new SocketFilter.Instruction(0x06, 0, 0, 0));
    }

    @Test
    void aProgramComparesAtMost250Addresses() {
        assertThatThrownBy(() -> SocketFilter.arpFrom(List.of())).isInstanceOf(IllegalArgumentException.class);
        List<Inet4Address> many = java.util.stream.IntStream.range(0, 251)
                .mapToObj(i -> (Inet4Address) InetAddress.ofLiteral("10.0." + i / 250 + "." + i % 250)).toList();
        assertThatThrownBy(() -> SocketFilter.arpFrom(many)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SocketFilter.arpFrom(many.subList(0, 250)).instructions()).hasSize(253);
    }

    @Test
    void anArpListenerWithTheFilterHearsOnlyClaimsOfItsVips() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create();
             ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB, java.util.Optional.of(SocketFilter.arpFrom(List.of(VIP)))));
             GratuitousArpSender garp = lab.inA(() -> GratuitousArpSender.open(lab.ifA))) {
            for (int i = 0; i < 20; i++) {
                garp.send(OTHER);
            }
            garp.send(VIP);
            List<ArpPacket> heard = ArpListenerTest.drain(rx, Duration.ofMillis(500));
            assertThat(heard).extracting(ArpPacket::senderIp).containsOnly(VIP).isNotEmpty();
        }
    }

    @Test
    void aSendOnlyVrrpSocketNeverQueuesWhatArrives() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create();
             RawVrrpSocket sendOnly = lab.inB(() -> RawVrrpSocket.openForSending(VrrpSocketOptions.ipv4(lab.ifB)));
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB)));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA)))) {
            tx.send(Adverts.v2(51, 100, VethLab.A4, GROUP4), GROUP4);
            assertThat(rx.receive(Duration.ofSeconds(5))).as("an ordinary socket gets it").isPresent();
            assertThat(sendOnly.receive(Duration.ofMillis(300))).as("the send-only socket never does").isEmpty();
            // ... and can still send.
            sendOnly.send(Adverts.v2(52, 100, VethLab.B4, GROUP4), GROUP4);
        }
    }
}
