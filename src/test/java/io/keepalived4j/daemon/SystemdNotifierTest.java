package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.os.NotifySocket;
import io.keepalived4j.os.UnixDatagramReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sd_notify messages and systemd's environment rules, against a fake NOTIFY_SOCKET. */
class SystemdNotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void noNotifySocketMeansNoNotifier() {
        assertThat(SystemdNotifier.Settings.of(Map.of(), 42)).isEmpty();
        assertThat(SystemdNotifier.Settings.of(Map.of("NOTIFY_SOCKET", ""), 42)).isEmpty();
        assertThat(ServiceNotifier.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000"))).isSameAs(ServiceNotifier.NONE);
    }

    @Test
    void theWatchdogIsOursOnlyWhenWatchdogPidIsUnsetOrOurPid() {
        Map<String, String> env = Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "10000000");
        assertThat(SystemdNotifier.Settings.of(env, 42).orElseThrow().watchdog()).contains(Duration.ofSeconds(10));
        assertThat(SystemdNotifier.Settings.of(with(env, "WATCHDOG_PID", "42"), 42).orElseThrow().watchdog())
                .contains(Duration.ofSeconds(10));
        // A child that inherited its parent's variables (a re-exec, a script) must not ping for it.
        assertThat(SystemdNotifier.Settings.of(with(env, "WATCHDOG_PID", "41"), 42).orElseThrow().watchdog()).isEmpty();
        assertThat(SystemdNotifier.Settings.of(with(env, "WATCHDOG_USEC", "0"), 42).orElseThrow().watchdog()).isEmpty();
        assertThat(SystemdNotifier.Settings.of(with(env, "WATCHDOG_USEC", "ten"), 42).orElseThrow().watchdog()).isEmpty();
        assertThat(SystemdNotifier.Settings.of(Map.of("NOTIFY_SOCKET", "@x"), 42).orElseThrow().watchdog()).isEmpty();
    }

    @Test
    void readyReloadingStoppingAndWatchdogAreSystemdsMessages() throws Exception {
        Path path = dir.resolve("notify");
        try (UnixDatagramReceiver manager = UnixDatagramReceiver.bind(path);
             SystemdNotifier notifier = new SystemdNotifier(NotifySocket.open(path.toString()), Optional.empty())) {
            notifier.ready("VRRP: 2 instances\nsecond line");
            assertThat(manager.receiveText(WAIT)).isEqualTo("READY=1\nSTATUS=VRRP: 2 instances second line");
            long before = NotifySocket.monotonicMicros();
            notifier.reloading();
            String reloading = manager.receiveText(WAIT);
            assertThat(reloading).startsWith("RELOADING=1\n").containsPattern("\nMONOTONIC_USEC=[0-9]+$");
            long stamp = Long.parseLong(reloading.substring(reloading.indexOf("MONOTONIC_USEC=") + 15));
            assertThat(stamp).isBetween(before, NotifySocket.monotonicMicros());
            notifier.stopping();
            assertThat(manager.receiveText(WAIT)).startsWith("STOPPING=1");
            notifier.watchdog();
            assertThat(manager.receiveText(WAIT)).isEqualTo("WATCHDOG=1");
            assertThat(notifier.failed()).isZero();
        }
    }

    @Test
    void aReloadIsBracketedByReloadingAndReadyEvenWhenItFails() throws Exception {
        Path path = dir.resolve("notify");
        try (UnixDatagramReceiver manager = UnixDatagramReceiver.bind(path);
             SystemdNotifier notifier = new SystemdNotifier(NotifySocket.open(path.toString()), Optional.empty())) {
            Runnable failing = notifier.aroundReload(() -> {
                throw new IllegalStateException("bad configuration");
            });
            assertThatThrownBy(failing::run).hasMessage("bad configuration");
            assertThat(manager.receiveText(WAIT)).startsWith("RELOADING=1");
            // The old configuration still runs: the service is ready again, not stuck in "reloading".
            assertThat(manager.receiveText(WAIT)).startsWith("READY=1");
        }
    }

    @Test
    void aManagerThatIsGoneCostsACountedFailureNotAnException() throws Exception {
        try (SystemdNotifier notifier = new SystemdNotifier(NotifySocket.open(dir.resolve("gone").toString()),
                Optional.empty())) {
            notifier.ready("x");
            notifier.watchdog();
            assertThat(notifier.failed()).isEqualTo(2);
        }
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.put(key, value);
        return m;
    }
}
