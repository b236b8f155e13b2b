package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.testsupport.Root;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeouts, close while a receiver is blocked, and failed opens that leave no descriptor behind. */
class RawVrrpSocketLifecycleTest {

    @BeforeEach
    void needsRoot() {
        Root.assumeRootOrFailOnCi();
    }

    @Test
    void receiveReturnsEmptyWhenTheTimeoutPasses() throws Exception {
        try (VethLab lab = VethLab.create();
             RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB)))) {
            long start = System.nanoTime();
            Optional<ReceivedPacket> p = rx.receive(Duration.ofMillis(300));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(p).isEmpty();
            assertThat(took).isBetween(Duration.ofMillis(290), Duration.ofMillis(1500));
        }
    }

    @Test
    void closeFromAnotherThreadWakesABlockedReceiverAtOnce() throws Exception {
        try (VethLab lab = VethLab.create()) {
            RawVrrpSocket rx = lab.inB(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv6(lab.ifB)));
            try {
                CompletableFuture<Optional<ReceivedPacket>> blocked = new CompletableFuture<>();
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
                assertThatThrownBy(() -> rx.send(new byte[8], VrrpSocketOptions.VRRP_GROUP6))
                        .isInstanceOf(IOException.class).hasMessageContaining("closed");
            } finally {
                rx.close(); // idempotent
            }
        }
    }

    @Test
    void closeReleasesBothDescriptors() throws Exception {
        try (VethLab lab = VethLab.create()) {
            long before = openFds();
            RawVrrpSocket s = lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA)));
            assertThat(openFds()).isEqualTo(before + 2); // the socket and its wake-up eventfd
            s.close();
            assertThat(openFds()).isEqualTo(before);
        }
    }

    @Test
    void aSourceAddressThatIsNotConfiguredFailsWithEaddrnotavailAndLeaksNothing() throws Exception {
        try (VethLab lab = VethLab.create()) {
            long before = openFds();
            InetAddress absent = InetAddress.ofLiteral("10.79.0.99");

            assertThatThrownBy(() -> lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifA).withSource(absent))))
                    .isInstanceOf(NativeException.class)
                    .hasMessage("bind(10.79.0.99): Cannot assign requested address (EADDRNOTAVAIL): "
                            + "the address is not configured on this host")
                    .satisfies(e -> assertThat(((NativeException) e).errno()).isEqualTo(99));
            assertThat(openFds()).isEqualTo(before);
        }
    }

    @Test
    void anUnknownInterfaceFailsWithEnodev() throws Exception {
        try (VethLab lab = VethLab.create()) {
            assertThatThrownBy(() -> lab.inA(() -> RawVrrpSocket.open(VrrpSocketOptions.ipv4(lab.ifB))))
                    .as("B's interface does not exist in A")
                    .isInstanceOf(NativeException.class)
                    .hasMessage("if_nametoindex(" + lab.ifB + "): No such device (ENODEV)");
        }
    }

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
