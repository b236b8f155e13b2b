package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.os.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the VRRP daemon in the foreground as keepalived does: logging set up from -l/-D/-S/-G,
 * privileges checked, pid files claimed, keepalived's banner, then the instances until SIGTERM or
 * SIGINT stop them gracefully (priority-0 adverts, VIPs removed); SIGHUP, SIGUSR1 and SIGUSR2
 * are answered without disturbing the protocol.
 */
public final class DaemonRunner {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /** keepalived's exit status for missing permissions (KEEPALIVED_EXIT_NO_PERMISSION). */
    static final int EXIT_NO_PERMISSION = 4;

    private DaemonRunner() {
    }

    /** @return the process exit status */
    public static int run(KeepalivedConfig config, DaemonOptions options) {
        java.util.Optional<String> namespace = NamespaceReexec.wanted(config);
        if (namespace.isPresent()) {
            try (DaemonLogging logging = DaemonLogging.configure(options.log().withIdent("Keepalived"))) {
                return NamespaceReexec.run(namespace.get(), options.ignoreSigint());
            }
        }
        int status;
        try (DaemonLogging logging = DaemonLogging.configure(options.log())) {
            status = runLogged(config, options);
        }
        exitWatchdog(status);
        return status;
    }

    /**
     * VRRP is stopped and the VIPs are gone by now; what is left is the JVM's own exit. Once in a
     * failover benchmark's stops (1 of about 40, on a loaded machine) it took more than 10 s after
     * "Stopped", and a supervisor that waits for the process then kills it. A daemon thread halts
     * the JVM if the exit has not happened 5 s from now.
     */
    private static void exitWatchdog(int status) {
        Thread.ofPlatform().name("k4j-exit-watchdog").daemon(true).start(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("keepalived4j: JVM exit took more than 5 s after the daemon stopped; halting");
            Runtime.getRuntime().halt(status);
        });
    }

    private static int runLogged(KeepalivedConfig config, DaemonOptions options) {
        LOG.info(StartupBanner.starting(options.version()));
        LOG.info(StartupBanner.runningOnThisHost());
        StartupBanner.commandLine(options.argv()).forEach(LOG::info);
        LOG.info(StartupBanner.openingFile(options.configFile()));
        try {
            Capabilities.current().requireVrrpPrivileges();
        } catch (Capabilities.MissingPrivilegesException e) {
            LOG.error(e.getMessage());
            return EXIT_NO_PERMISSION;
        }
        PidFiles.Claimed pids;
        try {
            pids = PidFiles.of(options.pidFile(), options.vrrpPidFile(), null).claim(true, false);
        } catch (DaemonAlreadyRunningException e) {
            // keepalived refuses to start a second copy, and exits 0.
            LOG.info(e.getMessage());
            return 0;
        }
        try (pids) {
            return runDaemon(config, options);
        }
    }

    private static int runDaemon(KeepalivedConfig config, DaemonOptions options) {
        VrrpDaemon daemon;
        try {
            daemon = VrrpDaemon.start(config, options.refusedScripts());
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start VRRP: {}", e.getMessage());
            return 1;
        }
        ExecutorService signalWork = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("k4j-signal").daemon(true).unstarted(r));
        // Another way out (System.exit elsewhere) still stops VRRP cleanly.
        Thread hook = Thread.ofPlatform().name("k4j-stop").unstarted(daemon::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        SignalHandlers.Actions actions = new SignalHandlers.Actions(daemon::stop,
                () -> LOG.warn("Reload (SIGHUP) is not supported yet by keepalived4j: restart the daemon to apply a new configuration"),
                () -> StateDump.writeData(daemon.status()),
                () -> StateDump.writeStats(daemon.status()));
        try (SignalHandlers signals = SignalHandlers.install(actions, signalWork, options.ignoreSigint())) {
            daemon.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.stop();
        } finally {
            signalWork.shutdownNow();
        }
        ProcessCpuTime cpu = ProcessCpuTime.current();
        LOG.info(StartupBanner.stoppedUsage(cpu.user(), cpu.system()));
        LOG.info(StartupBanner.stopped(options.version()));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (stop is idempotent).
        }
        return 0;
    }
}
