package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Root;
import io.keepalived4j.vrrp.codec.DecodeResult;
import io.keepalived4j.vrrp.codec.VrrpDecoder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adverts between two namespaces over a veth pair: what arrives, with which TTL, from where. */
class RawVrrpSocketTest {

    private static final InetAddress GROUP4 = VrrpSocketOptions.VRRP_GROUP4;
    private static final InetAddress GROUP6 = VrrpSocketOptions.VRRP_GROUP6;
    private static final Duration WAIT = Duration.ofSeconds(3);

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void ipv4MulticastV2AndV3ArriveByteIdenticalWithTtl255FromTheSenderToTheGroup() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB)));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA)))) {
            int ifindexB = lab.inB(() -> NetworkInterfaces.index(lab.ifB));
            for (byte[] advert : new byte[][] {Adverts.v2(51, 100, VethLab.A4, GROUP4),
                    Adverts.v3(52, 100, VethLab.A4, GROUP4)}) {
                tx.send(advert, GROUP4);

                ReceivedPacket p = rx.receive(WAIT).orElseThrow();

                assertThat(p.source()).isEqualTo(VethLab.A4);
                assertThat(p.destination()).isEqualTo(GROUP4);
                assertThat(p.ttlOrHopLimit()).isEqualTo(255);
                assertThat(p.ifindex()).isEqualTo(ifindexB).isEqualTo(rx.ifindex());
                assertThat(p.vrrpMessage()).isEqualTo(advert);
                assertThat(decode(p).checksumOk()).isTrue();
            }
        }
    }

    @Test
    void whatIsQueuedIsTakenWithoutWaitingUpToTheLimitAndTheRestIsLeft() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB)));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA)))) {
            List<byte[]> sent = new ArrayList<>();
            long sentAfter = wallClockNanos();
            for (int vrid = 1; vrid <= 12; vrid++) {
                byte[] advert = Adverts.v3(vrid, 100, VethLab.A4, GROUP4);
                sent.add(advert);
                tx.send(advert, GROUP4);
            }
            Thread.sleep(200); // all twelve cross the veth into rx's queue
            long readBefore = wallClockNanos();

            List<ReceivedPacket> got = new ArrayList<>();
            assertThat(rx.receiveQueued(8, got::add)).isEqualTo(8);
            assertThat(rx.receiveQueued(8, got::add)).as("the rest").isEqualTo(4);
            assertThat(got).extracting(ReceivedPacket::vrrpMessage).containsExactlyElementsOf(sent);
            assertThat(got).allSatisfy(p -> {
                assertThat(p.source()).isEqualTo(VethLab.A4);
                assertThat(p.destination()).isEqualTo(GROUP4);
                assertThat(p.ttlOrHopLimit()).isEqualTo(255);
                // The kernel's receive time: after the sends began, before the reads did.
                assertThat(p.kernelStampNanos()).isBetween(sentAfter, readBefore);
            });
            assertThat(got).extracting(ReceivedPacket::kernelStampNanos).isSorted();

            long start = System.nanoTime();
            assertThat(rx.receiveQueued(8, got::add)).as("nothing queued").isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("without waiting").isLessThan(Duration.ofMillis(50));
            rx.close();
            assertThat(rx.receiveQueued(8, got::add)).as("closed").isZero();
        }
    }

    @Test
    void ipv6MulticastArrivesWithHopLimit255FromTheLinkLocalAddress() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifB)));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifA)))) {
            InetAddress source = lab.linkLocalA();
            byte[] advert = Adverts.v3(53, 100, source, GROUP6);

            tx.send(advert, GROUP6);
            ReceivedPacket p = rx.receive(WAIT).orElseThrow();

            assertThat(p.source()).isEqualTo(source);
            assertThat(p.source().isLinkLocalAddress()).isTrue();
            assertThat(p.destination()).isEqualTo(GROUP6);
            assertThat(p.ttlOrHopLimit()).isEqualTo(255);
            assertThat(p.ifindex()).isEqualTo(rx.ifindex());
            // Byte-identical: the kernel neither computed nor altered the (pseudo-header) checksum.
            assertThat(p.vrrpMessage()).isEqualTo(advert);
            assertThat(decode(p).checksumOk()).isTrue();
        }
    }

    @Test
    void unicastToThePeerArrivesWithTheConfiguredUnicastTtl() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB).withoutGroupJoin()));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA).withUnicastTtl(64)))) {
            byte[] unicast = Adverts.v3(54, 100, VethLab.A4, VethLab.B4);
            tx.send(unicast, VethLab.B4);

            ReceivedPacket p = rx.receive(WAIT).orElseThrow();

            assertThat(p.source()).isEqualTo(VethLab.A4);
            assertThat(p.destination()).isEqualTo(VethLab.B4);
            assertThat(p.ttlOrHopLimit()).isEqualTo(64);
            assertThat(p.vrrpMessage()).isEqualTo(unicast);
            assertThat(decode(p).checksumOk()).isTrue();
        }
    }

    @Test
    void ipv6UnicastToThePeersLinkLocalAddressArrives() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifB).withoutGroupJoin()));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifA)))) {
            InetAddress peer = lab.linkLocalB();
            byte[] unicast = Adverts.v3(55, 100, lab.linkLocalA(), peer);
            tx.send(unicast, peer);

            ReceivedPacket p = rx.receive(WAIT).orElseThrow();

            assertThat(p.source()).isEqualTo(lab.linkLocalA());
            assertThat(p.destination()).isEqualTo(peer);
            assertThat(p.ttlOrHopLimit()).isEqualTo(255);
            assertThat(p.vrrpMessage()).isEqualTo(unicast);
        }
    }

    @Test
    void aConfiguredSourceAddressAndGroupAreUsed() throws Exception {
        InetAddress group = InetAddress.ofLiteral("224.0.0.79");
        InetAddress secondary = InetAddress.ofLiteral("10.79.0.11");
        try (VethLab lab = VethLab.create()) {
            Cmd.run("ip", "-n", lab.nsA, "addr", "add", "10.79.0.11/24", "dev", lab.ifA);
            try (RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB).withGroup(group)));
                 RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(
                         VrrpSocketOptions.ipv4(lab.ifA).withGroup(group).withSource(secondary)))) {
                byte[] advert = Adverts.v3(56, 100, secondary, group);
                tx.send(advert, group);

                ReceivedPacket p = rx.receive(WAIT).orElseThrow();

                assertThat(p.source()).isEqualTo(secondary);
                assertThat(p.destination()).isEqualTo(group);
                assertThat(decode(p).checksumOk()).isTrue();
            }
        }
    }

    @Test
    void withoutJoiningTheGroupNoMulticastArrives() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA)))) {
            byte[] advert = Adverts.v2(57, 100, VethLab.A4, GROUP4);
            try (RawVrrpSocket notJoined = lab.inB(() -> RawVrrpSocket.open(
                    VrrpSocketOptions.ipv4(lab.ifB).withoutGroupJoin()))) {
                tx.send(advert, GROUP4);
                assertThat(notJoined.receive(Duration.ofMillis(700))).isEmpty();
            }
            // The same send reaches a socket that joined: the join, not the sender, made the difference.
            try (RawVrrpSocket joined = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB)))) {
                tx.send(advert, GROUP4);
                assertThat(joined.receive(WAIT)).map(ReceivedPacket::vrrpMessage).contains(advert);
            }
        }
    }

    @Test
    void leavingTheGroupStopsDelivery() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifB)));
             RawVrrpSocket tx = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifA)))) {
            byte[] advert = Adverts.v3(58, 100, lab.linkLocalA(), GROUP6);
            tx.send(advert, GROUP6);
            assertThat(rx.receive(WAIT)).isPresent();

            rx.leaveGroup(GROUP6);
            tx.send(advert, GROUP6);

            assertThat(rx.receive(Duration.ofMillis(700))).isEmpty();
        }
    }

    private static DecodeResult.Decoded decode(ReceivedPacket p) {
        byte[] m = p.vrrpMessage();
        DecodeResult r = VrrpDecoder.message(m, 0, m.length, p.source(), p.destination(), p.ttlOrHopLimit(), false);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return (DecodeResult.Decoded) r;
    }

    private static long wallClockNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
