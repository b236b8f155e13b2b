package io.keepalived4j.daemon;

import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.NotifySocket;
import io.keepalived4j.os.UnixDatagramInbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify across {@link NamespaceReexec}: systemd knows the parent as the service's main process
 * and, with {@code NotifyAccess=main}, ignores messages from the daemon it starts inside the
 * namespace. So the parent gives that child a notify socket of its own (in a fresh 0700 directory:
 * only root can send to it) and passes every message on to systemd's, as the main process; the
 * child's watchdog pings are meant for it ({@code WATCHDOG_PID} is dropped), and passed on too, so
 * systemd still hears the VRRP loop itself. Scripts the child runs never see the socket
 * (ScriptLauncher passes them a few locale variables only), so only the daemon speaks through it.
 *
 * <pre>{@code
 * try (NotifyRelay relay = NotifyRelay.start(System.getenv()).orElse(null)) {
 *     if (relay != null) relay.adjust(processBuilder.environment());
 *     ...
 * }
 * }</pre>
 */
final class NotifyRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");
    private static final Duration TURN = Duration.ofMillis(250);

    private final NotifySocket upstream;
    private final UnixDatagramInbox inbox;
    private final Path dir;
    private final Thread thread;
    private volatile boolean closing;

    private NotifyRelay(NotifySocket upstream, UnixDatagramInbox inbox, Path dir) {
        this.upstream = upstream;
        this.inbox = inbox;
        this.dir = dir;
        this.thread = Thread.ofPlatform().name("k4j-notify-relay").daemon(true).unstarted(this::run);
    }

    /** A running relay when {@code env} has a NOTIFY_SOCKET, else empty (also when it cannot be set up: logged). */
    static Optional<NotifyRelay> start(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        Path dir = null;
        NotifySocket upstream = null;
        try {
            upstream = NotifySocket.open(socket);
            // createTempDirectory makes it rwx------ on POSIX: nobody but root reaches the socket.
            dir = Files.createTempDirectory("keepalived4j-notify-");
            NotifyRelay relay = new NotifyRelay(upstream, UnixDatagramInbox.bind(dir.resolve("notify")), dir);
            relay.thread.start();
            return Optional.of(relay);
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("cannot relay the service manager's notifications into the namespace: {}", e.getMessage());
            if (upstream != null) {
                upstream.close();
            }
            deleteQuietly(dir);
            return Optional.empty();
        }
    }

    /** The child's environment: our socket for systemd's, and the watchdog its own. */
    void adjust(Map<String, String> childEnv) {
        childEnv.put("NOTIFY_SOCKET", inbox.path().toString());
        childEnv.remove("WATCHDOG_PID");
    }

    private void run() {
        while (!closing) {
            try {
                inbox.receive(TURN).ifPresent(m -> {
                    if (!upstream.send(m)) {
                        LOG.warn("cannot pass a notification on to the service manager (errno {})", upstream.lastErrno());
                    }
                });
            } catch (NativeException | RuntimeException e) {
                if (closing) {
                    return;
                }
                // A relay that stops relaying leaves systemd waiting for READY or missing pings:
                // it restarts the service, which is the right outcome for a broken relay too.
                LOG.error("notification relay failed: {}", e.toString());
                return;
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TURN.multipliedBy(4));
            // The child's last words (STOPPING=1 just before it exited) may still be queued.
            for (Optional<String> m = inbox.receive(Duration.ofMillis(1)); m.isPresent(); m = inbox.receive(Duration.ofMillis(1))) {
                upstream.send(m.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("draining {}: {}", inbox.path(), e.getMessage());
        } finally {
            try {
                inbox.close();
            } catch (IOException e) {
                LOG.warn("closing {}: {}", inbox.path(), e.getMessage());
            }
            upstream.close();
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.warn("removing {}: {}", dir, e.getMessage());
        }
    }
}
