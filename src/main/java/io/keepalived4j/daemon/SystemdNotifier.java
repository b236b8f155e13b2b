package io.keepalived4j.daemon;

import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.NotifySocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's {@code Type=notify} protocol (sd_notify(3)), spoken over {@link NotifySocket}:
 * {@code READY=1} with a {@code STATUS=} line once the instances run and after each reload,
 * {@code RELOADING=1} with {@code MONOTONIC_USEC=} when a reload begins (systemd 253 matches the
 * two; older ones ignore the timestamp), {@code STOPPING=1} when a stop begins, and
 * {@code WATCHDOG=1} for {@code WatchdogSec=}. A message that cannot be sent is counted and the
 * first such failure logged: the service manager, not the daemon, decides what a silence means.
 */
final class SystemdNotifier implements ServiceNotifier {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /**
     * What the environment asks for.
     *
     * @param socket   {@code $NOTIFY_SOCKET}
     * @param watchdog {@code $WATCHDOG_USEC}, when set, valid, and meant for this process
     */
    record Settings(String socket, Optional<Duration> watchdog) {

        /**
         * systemd's rules (sd_watchdog_enabled(3)): no {@code NOTIFY_SOCKET}, no notifier; the
         * watchdog only when {@code WATCHDOG_USEC} is a positive number and {@code WATCHDOG_PID}
         * is unset or {@code pid} (a child that inherited the variables must not ping for its parent).
         */
        static Optional<Settings> of(Map<String, String> env, long pid) {
            String socket = env.get("NOTIFY_SOCKET");
            if (socket == null || socket.isEmpty()) {
                return Optional.empty();
            }
            Optional<Duration> watchdog = Optional.empty();
            String usec = env.get("WATCHDOG_USEC");
            String forPid = env.get("WATCHDOG_PID");
            if (usec != null && (forPid == null || forPid.equals(Long.toString(pid)))) {
                try {
                    long micros = Long.parseLong(usec.strip());
                    if (micros > 0) {
                        watchdog = Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1_000L)));
                    }
                } catch (NumberFormatException | ArithmeticException e) {
                    LOG.warn("WATCHDOG_USEC={} is not a number of microseconds: no watchdog pings", usec);
                }
            }
            return Optional.of(new Settings(socket, watchdog));
        }
    }

    private final NotifySocket socket;
    private final Optional<Duration> watchdog;
    private final AtomicLong failed = new AtomicLong();

    SystemdNotifier(NotifySocket socket, Optional<Duration> watchdog) {
        this.socket = socket;
        this.watchdog = watchdog;
    }

    /** The notifier for {@code env}, or empty when there is none to talk to (or its socket cannot be made). */
    static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env, long pid) {
        Optional<Settings> settings = Settings.of(env, pid);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SystemdNotifier(NotifySocket.open(settings.get().socket()), settings.get().watchdog()));
        } catch (IllegalArgumentException | NativeException e) {
            LOG.error("cannot notify the service manager: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    @Override
    public void reloading() {
        send("RELOADING=1\nSTATUS=Reloading\nMONOTONIC_USEC=" + NotifySocket.monotonicMicros());
    }

    @Override
    public void stopping() {
        send("STOPPING=1\nSTATUS=Stopping");
    }

    @Override
    public void watchdog() {
        send("WATCHDOG=1");
    }

    @Override
    public Optional<Duration> watchdogInterval() {
        return watchdog;
    }

    /** Messages that could not be sent. */
    long failed() {
        return failed.get();
    }

    private void send(String message) {
        if (!socket.send(message) && failed.getAndIncrement() == 0) {
            LOG.warn("cannot notify the service manager at {} (errno {}); later failures are only counted",
                    socket.address(), socket.lastErrno());
        }
    }

    // A newline would start another VAR= line of the protocol.
    private static String oneLine(String s) {
        return s.replaceAll("\\R", " ");
    }

    @Override
    public void close() {
        socket.close();
    }
}
