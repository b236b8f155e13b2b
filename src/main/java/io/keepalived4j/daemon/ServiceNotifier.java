package io.keepalived4j.daemon;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon tells its service manager about its lifecycle: systemd's {@code Type=notify}
 * protocol ({@link SystemdNotifier}) when {@code $NOTIFY_SOCKET} is set, {@link #NONE} otherwise
 * (a daemon started by hand, by keepalived's own init scripts, or by tests).
 *
 * <pre>{@code
 * ServiceNotifier notifier = ServiceNotifier.fromEnvironment(System.getenv());
 * notifier.ready("VRRP: 2 instances");
 * Runnable reload = notifier.aroundReload(actualReload);   // RELOADING=1, the reload, READY=1
 * notifier.stopping();
 * }</pre>
 */
public interface ServiceNotifier extends AutoCloseable {

    /** Says nothing: no service manager is listening. */
    ServiceNotifier NONE = new ServiceNotifier() {
        @Override
        public void ready(String status) {
        }

        @Override
        public void reloading() {
        }

        @Override
        public void stopping() {
        }

        @Override
        public void watchdog() {
        }

        @Override
        public Optional<Duration> watchdogInterval() {
            return Optional.empty();
        }
    };

    /**
     * The notifier this process's environment asks for: systemd's when {@code NOTIFY_SOCKET} is
     * set (a socket that cannot be opened is logged and gives {@link #NONE}), else {@link #NONE}.
     */
    static ServiceNotifier fromEnvironment(Map<String, String> env) {
        return SystemdNotifier.fromEnvironment(env, ProcessHandle.current().pid()).map(n -> (ServiceNotifier) n)
                .orElse(NONE);
    }

    /** Start-up (or a reload) is complete and the daemon serves; {@code status} is a one-line summary. */
    void ready(String status);

    /** A reload begins; {@link #ready} ends it. */
    void reloading();

    /** A stop begins (whoever asked for it). */
    void stopping();

    /** The daemon is alive: sent by a thread that has just proved it (see {@link ServiceWatchdog}). */
    void watchdog();

    /** How often {@link #watchdog()} must be called, when the service manager watches at all. */
    Optional<Duration> watchdogInterval();

    /**
     * {@code reload} wrapped in RELOADING=1 and READY=1, for the SIGHUP action: the service
     * manager shows the reload and, for {@code systemctl reload}, waits for its end.
     */
    default Runnable aroundReload(Runnable reload) {
        return () -> {
            reloading();
            try {
                reload.run();
            } finally {
                ready("Reloaded");
            }
        };
    }

    @Override
    default void close() {
    }
}
