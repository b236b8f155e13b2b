package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify's datagrams reach a socket bound at a path and one in the abstract namespace. */
class NotifySocketTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void sendsOneDatagramPerMessageToAPath() throws Exception {
        Path path = dir.resolve("notify");
        try (UnixDatagramReceiver manager = UnixDatagramReceiver.bind(path);
             NotifySocket socket = NotifySocket.open(path.toString())) {
            assertThat(socket.send("READY=1\nSTATUS=VRRP: 1 instance")).isTrue();
            assertThat(socket.send("WATCHDOG=1")).isTrue();
            assertThat(manager.receiveText(WAIT)).isEqualTo("READY=1\nSTATUS=VRRP: 1 instance");
            assertThat(manager.receiveText(WAIT)).isEqualTo("WATCHDOG=1");
        }
    }

    @Test
    void anAtSignNamesTheAbstractNamespaceAsSystemdDoes() throws Exception {
        String name = "k4j-notify-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6);
        try (UnixDatagramReceiver manager = UnixDatagramReceiver.bindAbstract(name);
             NotifySocket socket = NotifySocket.open("@" + name)) {
            assertThat(socket.send("STOPPING=1")).isTrue();
            assertThat(manager.receiveText(WAIT)).isEqualTo("STOPPING=1");
        }
    }

    @Test
    void nobodyListeningIsAFailedSendWithItsErrnoNotAnException() throws Exception {
        try (NotifySocket socket = NotifySocket.open(dir.resolve("nobody").toString())) {
            assertThat(socket.send("READY=1")).isFalse();
            assertThat(socket.lastErrno()).isEqualTo(Libc.ENOENT);
        }
    }

    @Test
    void refusesAddressesThatAreNeitherPathsNorAbstractNames() {
        assertThatThrownBy(() -> NotifySocket.open("relative/notify")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotifySocket.open("vsock:2:1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotifySocket.open("@")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotifySocket.open("/" + "x".repeat(107))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void monotonicMicrosIsTheJvmsMonotonicClock() {
        // HotSpot's nanoTime reads CLOCK_MONOTONIC on Linux: the two agree to well within a second.
        long ours = NotifySocket.monotonicMicros();
        long jvm = System.nanoTime() / 1_000;
        assertThat(Math.abs(jvm - ours)).isLessThan(1_000_000);
        assertThat(NotifySocket.monotonicMicros()).isGreaterThanOrEqualTo(ours);
    }
}
