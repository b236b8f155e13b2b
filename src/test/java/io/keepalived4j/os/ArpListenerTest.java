package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.testsupport.Root;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ArpListener} on a real veth pair: what it receives, what it skips, and its lifecycle. */
class ArpListenerTest {

    private static final Inet4Address VIP = (Inet4Address) InetAddress.ofLiteral("10.79.0.100");

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void receivesTheGratuitousArpSentFromTheOtherNamespace() throws Exception {
        try (VethLab lab = VethLab.create();
             ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
             GratuitousArpSender garp = lab.inA(() -> GratuitousArpSender.open(lab.ifA))) {
            garp.send(VIP);

            ArpPacket p = firstFrom(rx, VIP);

            assertThat(p.operation()).isEqualTo(ArpPacket.REQUEST);
            assertThat(p.senderMac()).isEqualTo(VethLab.MAC_A).isEqualTo(garp.interfaceMac());
            assertThat(p.ethernetSource()).isEqualTo(VethLab.MAC_A);
            assertThat(p.senderIp()).isEqualTo(VIP);
            assertThat(p.targetIp()).isEqualTo(VIP);
            assertThat(p.targetMac()).isEqualTo(ArpFrames.BROADCAST);
            assertThat(p.gratuitous()).isTrue();
        }
    }

    @Test
    void receivesTheKernelsReplyToAnArpingButNotOurOwnRequest() throws Exception {
        try (VethLab lab = VethLab.create();
             ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB))) {
            // B asks who has 10.79.0.1; A's kernel answers. Both frames cross B's interface.
            Cmd.run("ip", "netns", "exec", lab.nsB, "arping", "-c", "1", "-I", lab.ifB, VethLab.A4.getHostAddress());

            List<ArpPacket> heard = drain(rx, Duration.ofMillis(500));

            assertThat(heard).as("B's own request is not delivered: the socket is on the receive path only")
                    .noneMatch(p -> java.util.Arrays.equals(p.ethernetSource(), VethLab.MAC_B));
            ArpPacket reply = heard.stream().filter(p -> p.operation() == ArpPacket.REPLY).findFirst().orElseThrow();
            assertThat(reply.senderIp()).isEqualTo(VethLab.A4);
            assertThat(reply.senderMac()).isEqualTo(VethLab.MAC_A);
            assertThat(reply.ethernetSource()).isEqualTo(VethLab.MAC_A);
            assertThat(reply.targetIp()).isEqualTo(VethLab.B4);
            assertThat(reply.targetMac()).isEqualTo(VethLab.MAC_B);
        }
    }

    @Test
    void unicastFramesForAnotherHostAreSkipped() throws Exception {
        // Unicast to a MAC that is not B's: the kernel marks it PACKET_OTHERHOST.
        byte[] elsewhere = ArpFrames.gratuitousArp(VethLab.MAC_A, VIP);
        System.arraycopy(java.util.HexFormat.of().parseHex("020000790099"), 0, elsewhere, 0, 6);

        assertThat(heardAfterSending(elsewhere, ArpFrames.ETH_P_ARP)).doesNotContain(VIP);
    }

    @Test
    void framesTaggedForAVlanWithoutADeviceHereAreSkipped() throws Exception {
        // The GARP in VLAN 100: with no VLAN 100 device in B the kernel strips the tag, marks the
        // frame PACKET_OTHERHOST and still hands it to the ETH_P_ARP sockets of the interface.
        byte[] garp = ArpFrames.gratuitousArp(VethLab.MAC_A, VIP);
        byte[] tagged = new byte[garp.length + 4];
        System.arraycopy(garp, 0, tagged, 0, 12);
        tagged[12] = (byte) 0x81;
        tagged[15] = 100;
        System.arraycopy(garp, 12, tagged, 16, garp.length - 12);

        assertThat(heardAfterSending(tagged, 0x8100)).doesNotContain(VIP);
    }

    /**
     * Sends {@code frame} from A, then a broadcast GARP for 10.79.0.101 as a marker that the frame
     * had its chance; returns the sender IPs B's listener heard (the marker must be among them).
     */
    private static List<InetAddress> heardAfterSending(byte[] frame, int etherType) throws Exception {
        Inet4Address marker = (Inet4Address) InetAddress.ofLiteral("10.79.0.101");
        try (VethLab lab = VethLab.create();
             ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
             PacketSocket raw = lab.inA(() -> new PacketSocket(lab.ifA))) {
            raw.send(frame, etherType);
            raw.send(ArpFrames.gratuitousArp(VethLab.MAC_A, marker), ArpFrames.ETH_P_ARP);

            List<InetAddress> heard = drain(rx, Duration.ofMillis(500)).stream().map(ArpPacket::senderIp).toList();

            assertThat(heard).as("the marker").contains(marker);
            return heard;
        }
    }

    @Test
    void receiveReturnsEmptyWhenTheTimeoutPasses() throws Exception {
        try (VethLab lab = VethLab.create();
             ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB))) {
            long start = System.nanoTime();
            Optional<ArpPacket> p = rx.receive(Duration.ofMillis(300));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(p).isEmpty();
            assertThat(took).isBetween(Duration.ofMillis(290), Duration.ofMillis(1500));
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReceiverAtOnce() throws Exception {
        try (VethLab lab = VethLab.create()) {
            ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
            try {
                CompletableFuture<Optional<ArpPacket>> blocked = new CompletableFuture<>();
                Thread.ofPlatform().start(() -> {
                    try {
                        blocked.complete(rx.receive(Duration.ofSeconds(30)));
                    } catch (Throwable t) {
                        blocked.completeExceptionally(t);
                    }
                });
                Thread.sleep(300);
                assertThat(blocked).isNotDone();

                long start = System.nanoTime();
                rx.close();

                assertThat(blocked.get(2, TimeUnit.SECONDS)).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(rx.isOpen()).isFalse();
                assertThat(rx.receive(Duration.ofSeconds(5))).isEmpty();
            } finally {
                rx.close(); // idempotent
            }
        }
    }

    @Test
    void closeReleasesBothDescriptorsAndAFailedOpenLeaksNone() throws Exception {
        try (VethLab lab = VethLab.create()) {
            long before = openFds();
            ArpListener rx = lab.inB(() -> ArpListener.open(lab.ifB));
            assertThat(openFds()).isEqualTo(before + 2); // the socket and its wake-up eventfd
            rx.close();
            rx.close();
            assertThat(openFds()).isEqualTo(before);

            assertThatThrownBy(() -> lab.inB(() -> ArpListener.open(lab.ifA)))
                    .as("A's interface does not exist in B")
                    .isInstanceOf(NativeException.class)
                    .hasMessage("if_nametoindex(" + lab.ifA + "): No such device (ENODEV)");
            assertThat(openFds()).isEqualTo(before);
        }
    }

    /** The first ARP frame whose sender IP is {@code sender}, within 5 s. */
    static ArpPacket firstFrom(ArpListener rx, InetAddress sender) throws NativeException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ArpPacket> p = rx.receive(Duration.ofNanos(deadline - System.nanoTime()));
            if (p.isPresent() && p.get().senderIp().equals(sender)) {
                return p.get();
            }
        }
        throw new AssertionError("no ARP from " + sender.getHostAddress() + " within 5 s");
    }

    /** Everything heard until {@code quiet} passes with nothing new. */
    static List<ArpPacket> drain(ArpListener rx, Duration quiet) throws NativeException {
        List<ArpPacket> heard = new ArrayList<>();
        for (Optional<ArpPacket> p = rx.receive(quiet); p.isPresent(); p = rx.receive(quiet)) {
            heard.add(p.get());
        }
        return heard;
    }

    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
