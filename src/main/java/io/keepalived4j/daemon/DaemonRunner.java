package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.os.Capabilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the VRRP daemon in the foreground as keepalived does: logging set up from -l/-D/-S/-G,
 * privileges checked, pid files claimed, keepalived's banner, then the instances until SIGTERM or
 * SIGINT stop them gracefully (priority-0 adverts, VIPs removed); SIGHUP, SIGUSR1 and SIGUSR2
 * are answered without disturbing the protocol.
 */
public final class DaemonRunner {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    /** Signals waiting for the signal thread; a burst beyond that is logged and dropped (SignalHandlers). */
    private static final int SIGNALS_QUEUED = 16;

    /** keepalived's exit status for missing permissions (KEEPALIVED_EXIT_NO_PERMISSION). */
    static final int EXIT_NO_PERMISSION = 4;

    private DaemonRunner() {
    }

    /** @return the process exit status */
    public static int run(KeepalivedConfig config, DaemonOptions options) {
        return run(config, options, FaultHooks.NONE);
    }

    /** With fault hooks: the fault-injection tests' child daemons only. */
    static int run(KeepalivedConfig config, DaemonOptions options, FaultHooks faults) {
        java.util.Optional<String> namespace = NamespaceReexec.wanted(config);
        if (namespace.isPresent()) {
            try (DaemonLogging logging = DaemonLogging.configure(options.log().withIdent("Keepalived"))) {
                return NamespaceReexec.run(namespace.get(), options.ignoreSigint());
            }
        }
        int status;
        try (DaemonLogging logging = DaemonLogging.configure(options.log())) {
            status = runLogged(config, options, faults);
        }
        return status;
    }

    /**
     * VRRP is stopped and the VIPs are gone by now; what is left is the JVM's own exit. Once in a
     * failover benchmark's stops (1 of about 40, on a loaded machine) it took more than 10 s after
     * "Stopped", and a supervisor that waits for the process then kills it. A daemon thread halts
     * the JVM if the exit has not happened 5 s from now. Armed by the process's main just before it
     * exits, never by a daemon run inside a longer-lived JVM (tests).
     */
    public static void exitWatchdog(int status) {
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

    private static int runLogged(KeepalivedConfig config, DaemonOptions options, FaultHooks faults) {
        LOG.info(StartupBanner.starting(options.version()));
        LOG.info(StartupBanner.runningOnThisHost());
        StartupBanner.commandLine(options.argv()).forEach(LOG::info);
        LOG.info(DaemonLogging.DETAIL, StartupBanner.openingFile(options.configFile()));
        // Nothing accepted and silently ignored: what this release does not run is said once, here.
        options.notRun().forEach(LOG::warn);
        boolean runCheckers = options.subsystems().checkers() && !config.lvs().virtualServers().isEmpty();
        boolean runVrrp = options.subsystems().vrrp() && (!config.vrrp().instances().isEmpty() || !runCheckers);
        if (!runVrrp && !runCheckers) {
            LOG.warn("Warning - keepalived has no configuration to run");
            return 0;
        }
        if (runCheckers && options.dataPlane().unavailable().isPresent()) {
            LOG.error("{}; nothing started", options.dataPlane().unavailable().get());
            return 1;
        }
        try {
            Capabilities.current().requireVrrpPrivileges();
        } catch (Capabilities.MissingPrivilegesException e) {
            LOG.error(e.getMessage());
            return EXIT_NO_PERMISSION;
        }
        PidFiles.Claimed pids;
        try {
            pids = PidFiles.of(options.pidFile(), options.vrrpPidFile(), options.checkersPidFile())
                    .claim(runVrrp, runCheckers);
        } catch (DaemonAlreadyRunningException e) {
            // keepalived refuses to start a second copy, and exits 0.
            LOG.info(e.getMessage());
            return 0;
        } catch (java.io.UncheckedIOException e) {
            // keepalived: "pidfile_write : Cannot open %s pidfile" and no start (a symlink, say).
            LOG.error("{}: {}", e.getMessage(), e.getCause().getMessage());
            return 1;
        }
        // systemd's Type=notify (NOTIFY_SOCKET set): READY, RELOADING, STOPPING and the watchdog.
        try (pids; ServiceNotifier notifier = ServiceNotifier.fromEnvironment(System.getenv())) {
            if (!runVrrp) {
                ProcessSettings.apply(config.global());
                return CheckersOnly.run(config, options, notifier);
            }
            return runDaemon(config, options, faults, runCheckers, notifier);
        }
    }

    private static int runDaemon(KeepalivedConfig config, DaemonOptions options, FaultHooks faults,
                                 boolean runCheckers, ServiceNotifier notifier) {
        ProcessSettings.apply(config.global());
        VrrpDaemon daemon;
        try {
            daemon = VrrpDaemon.start(config, options.settings(), new SystemHostOs(), faults);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start VRRP: {}", e.getMessage());
            return 1;
        }
        CheckerService checkers = null;
        if (runCheckers) {
            try {
                checkers = CheckersOnly.startCheckers(config, options, true, daemon::fail, daemon::onInstanceState);
            } catch (RuntimeException e) {
                LOG.error("cannot start the health checkers: {}", e.getMessage());
                daemon.stop();
                return 1;
            }
        }
        // Runtime control (keepalived4j ctl); its socket file goes when the daemon has stopped.
        java.util.Optional<io.keepalived4j.control.ControlServer> control =
                DaemonControl.open(options.settings(), daemon, checkers);
        try {
            return runVrrp(config, options, daemon, checkers, notifier);
        } finally {
            control.ifPresent(io.keepalived4j.control.ControlServer::close);
        }
    }

    private static int runVrrp(KeepalivedConfig config, DaemonOptions options, VrrpDaemon daemon,
                               CheckerService checkers, ServiceNotifier notifier) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            // Every thread of ours is supervised; this is a JDK or library thread (a script's waiter).
            LOG.error("thread {} died: {}", t.getName(), e.toString(), e);
            if (e instanceof VirtualMachineError) {
                daemon.fail("thread " + t.getName() + " died with " + e);
            }
        });
        daemon.onStopStarted(() -> {
            notifier.stopping();
            stopWatchdog(daemon);
        });
        // One thread, started now (a SIGTERM must not wait for a thread to be made before its
        // priority-0 adverts), and a short queue: signals beyond it are logged and dropped.
        ThreadPoolExecutor signalWork = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(SIGNALS_QUEUED), r -> Thread.ofPlatform().name("k4j-signal").daemon(true).unstarted(r));
        signalWork.prestartCoreThread();
        // Another way out (System.exit elsewhere) still stops VRRP cleanly.
        Thread hook = Thread.ofPlatform().name("k4j-stop-hook").unstarted(daemon::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        DaemonStatus status = new DaemonStatus(config.global(), daemon, checkers);
        // SIGHUP: the file read and checked again with the start's options; see Reloader.
        Reloader reloader = new Reloader(new io.keepalived4j.daemon.reload.ReloadCheck(options.configFile(), options.load(),
                io.keepalived4j.config.check.HostEnvironment.system()), config, Reloader.InPlace.on(daemon),
                Reloader.StateTransfer.on(daemon), checkers == null ? null : a -> checkers.reload(a.config(), a.refusedScripts()));
        SignalHandlers.Actions actions = new SignalHandlers.Actions(daemon::stop,
                notifier.aroundReload(reloader::reload),
                () -> {
                    // As the file runs now: a reload may have changed the dump paths and the servers.
                    KeepalivedConfig now = reloader.running();
                    dump("SIGUSR1", () -> StateDump.writeData(status.snapshot(),
                            StateDump.path(now.global().other(), "state_dump_file", "keepalived.data")));
                    if (checkers != null) {
                        CheckerDump.write(checkers.status(), now);
                    }
                },
                () -> {
                    KeepalivedConfig now = reloader.running();
                    dump("SIGUSR2", () -> StateDump.writeStats(status.snapshot(),
                            StateDump.path(now.global().other(), "stats_dump_file", "keepalived.stats")));
                    if (checkers != null) {
                        checkers.dumpLvs(now);
                    }
                },
                () -> {
                    daemon.forceRelease();
                    LOG.info("Stopped (forced)");
                    Runtime.getRuntime().halt(VrrpDaemon.EXIT_FAILURE);
                });
        io.keepalived4j.api.StatusServer endpoint = null;
        if (options.statusAddress() != null) {
            try {
                endpoint = io.keepalived4j.api.StatusServer.start(options.statusAddress(), status::snapshot);
            } catch (IOException e) {
                LOG.error("{}; stopping", e.getMessage());
                daemon.stop();
                signalWork.shutdownNow();
                Runtime.getRuntime().removeShutdownHook(hook);
                if (checkers != null) {
                    checkers.close();
                }
                return 1;
            }
        }
        try (SignalHandlers signals = SignalHandlers.install(actions, signalWork, options.ignoreSigint());
             SignalHandlers json = SignalHandlers.installOne(SignalNumbers.JSON_STAND_IN, () -> dump("JSON",
                     () -> StateDump.writeJson(status.snapshot(),
                             StateDump.path(reloader.running().global().other(), "json_dump_file", "keepalived.json"),
                             reloader.running().global().other())), signalWork)) {
            // Ready only now: a SIGHUP (systemctl reload) before our handler would end the JVM.
            daemon.startServiceWatchdog(notifier);
            notifier.ready(readyStatus(config, true, checkers != null));
            daemon.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.stop();
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
            signalWork.shutdownNow();
            if (checkers != null) {
                checkers.close();
                CheckerService.LOG.info("Stopped");
            }
        }
        if (!daemon.failure().isEmpty()) {
            LOG.error("Stopped because {}", daemon.failure());
        }
        // keepalived's VRRP child says "Stopped", or with -D how much CPU it used.
        ProcessCpuTime cpu = ProcessCpuTime.current();
        LOG.info(options.log().detail() ? StartupBanner.stoppedUsage(cpu.user(), cpu.system()) : "Stopped");
        LOG.info(StartupBanner.stopped(options.version()));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs (stop is idempotent).
        }
        return daemon.exitStatus();
    }

    /** The service manager's one-line STATUS once the daemon runs. */
    static String readyStatus(KeepalivedConfig config, boolean vrrp, boolean checkers) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (vrrp) {
            int n = config.vrrp().instances().size();
            parts.add("VRRP: " + n + (n == 1 ? " instance" : " instances"));
        }
        if (checkers) {
            int n = config.lvs().virtualServers().size();
            parts.add("health checkers: " + n + (n == 1 ? " virtual server" : " virtual servers"));
        }
        return String.join(", ", parts);
    }

    /** A dump asked for by a signal; one that cannot be taken now is logged, never thrown at the signal thread. */
    private static void dump(String signal, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("{} dump not written: {}", signal, e.getMessage());
        }
    }

    /**
     * The process-level bound on a stop: if the daemon has not stopped {@link VrrpDaemon#STOP_BOUND}
     * plus a grace after the stop began (every wait inside the stop is bounded, so this means a bug),
     * the VIPs are released directly and the JVM halts with a failure status.
     */
    private static void stopWatchdog(VrrpDaemon daemon) {
        Thread.ofPlatform().name("k4j-stop-watchdog").daemon(true).start(() -> {
            try {
                if (daemon.awaitStop(VrrpDaemon.STOP_BOUND.plusSeconds(2))) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("keepalived4j: the stop did not end within " + VrrpDaemon.STOP_BOUND.plusSeconds(2).toSeconds()
                    + " s; releasing the VIPs and halting");
            daemon.forceRelease();
            Runtime.getRuntime().halt(VrrpDaemon.EXIT_FAILURE);
        });
    }
}
