package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.lb.DataPlane;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The checkers without VRRP ({@code -C}, or a configuration with virtual servers and no
 * vrrp_instance): keepalived's checker child on its own, stopped by SIGTERM/SIGINT, SIGUSR1
 * writing its dump; exit 1 when a part of it could not be kept running.
 */
final class CheckersOnly {

    private CheckersOnly() {
    }

    /**
     * Starts the checker service with the data plane the options chose. {@code vrrpStates}
     * registers an observer of the VRRP instances' states (IPVS's lvs_sync_daemon follows one);
     * null when VRRP does not run in this process.
     */
    static CheckerService startCheckers(KeepalivedConfig config, DaemonOptions options, boolean vrrpRunsToo,
                                        Consumer<String> failed,
                                        Consumer<java.util.function.BiConsumer<String, String>> vrrpStates) {
        io.keepalived4j.lb.DataPlaneChoice choice = options.dataPlane().resolve();
        if (options.dataPlane() == io.keepalived4j.lb.DataPlaneChoice.AUTO) {
            CheckerService.LOG.info(choice == io.keepalived4j.lb.DataPlaneChoice.IPVS
                    ? "--data-plane auto: the kernel's IPVS forwards the virtual servers"
                    : "--data-plane auto: this kernel has no IPVS; the userspace proxy forwards the virtual servers");
        }
        List<String> problems = new java.util.ArrayList<>();
        DataPlane dataPlane = choice.open(config, options.proxy(), problems);
        problems.forEach(p -> CheckerService.LOG.error("{}", p));
        List<String> syncArgs = config.global().other().get("lvs_sync_daemon");
        if (dataPlane instanceof io.keepalived4j.lb.proxy.ProxyDataPlane proxy && syncArgs != null) {
            List<String> syncProblems = new java.util.ArrayList<>();
            java.util.Optional<io.keepalived4j.lb.persist.SyncSettings> sync =
                    io.keepalived4j.lb.proxy.SyncConfig.from(syncArgs, config.vrrp().instances(), syncProblems);
            syncProblems.forEach(p -> CheckerService.LOG.error("{}; persistence is not synced to the other directors", p));
            try {
                sync.ifPresent(s -> proxy.startSync(s, failed));
            } catch (RuntimeException e) {
                CheckerService.LOG.error("{}; persistence is not synced to the other directors", e.getMessage());
            }
        }
        if (dataPlane instanceof io.keepalived4j.lb.ipvs.IpvsDataPlane ipvs && vrrpStates != null) {
            vrrpStates.accept(ipvs::instanceState);
        }
        try {
            return CheckerService.start(config, options.settings(), dataPlane, vrrpRunsToo, failed);
        } catch (RuntimeException e) {
            dataPlane.close();
            throw e;
        }
    }

    /** SIGHUP without VRRP: a file that fails its check is refused and the pools run on. */
    private static void reload(io.keepalived4j.daemon.reload.ReloadCheck check, CheckerService checkers) {
        CheckerService.LOG.info("Reloading");
        switch (check.check()) {
            case io.keepalived4j.daemon.reload.ReloadCheck.Refused f -> CheckerService.LOG.error(
                    "Reload failed: {}; keeping the running configuration", f.reason());
            case io.keepalived4j.daemon.reload.ReloadCheck.Accepted a -> checkers.reload(a.config(), a.refusedScripts());
        }
    }

    static int run(KeepalivedConfig config, DaemonOptions options, ServiceNotifier notifier) {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>("");
        CheckerService checkers;
        try {
            checkers = startCheckers(config, options, false, reason -> {
                failure.compareAndSet("", reason);
                stop.countDown();
            }, null);
        } catch (RuntimeException e) {
            CheckerService.LOG.error("cannot start the health checkers: {}", e.getMessage());
            return 1;
        }
        // Runtime control: drains and weights without VRRP (its VRRP commands are refused).
        java.util.Optional<io.keepalived4j.control.ControlServer> control =
                DaemonControl.open(options.settings(), null, checkers);
        io.keepalived4j.api.StatusServer endpoint = null;
        if (options.statusAddress() != null) {
            try {
                endpoint = io.keepalived4j.api.StatusServer.start(options.statusAddress(),
                        new DaemonStatus(config.global(), null, checkers)::snapshot);
            } catch (java.io.IOException e) {
                CheckerService.LOG.error("{}; stopping", e.getMessage());
                checkers.close();
                return 1;
            }
        }
        ExecutorService signalWork = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("k4j-signal").daemon(true).unstarted(r));
        // SIGHUP: the file read and checked again with the start's options, as the VRRP daemon's.
        io.keepalived4j.daemon.reload.ReloadCheck reloadCheck = new io.keepalived4j.daemon.reload.ReloadCheck(
                options.configFile(), options.load(), io.keepalived4j.config.check.HostEnvironment.system());
        Thread hook = Thread.ofPlatform().name("k4j-stop-hook").unstarted(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        SignalHandlers.Actions actions = new SignalHandlers.Actions(stop::countDown,
                notifier.aroundReload(() -> reload(reloadCheck, checkers)),
                () -> CheckerDump.write(checkers.status(), config),
                () -> checkers.dumpLvs(config),
                () -> Runtime.getRuntime().halt(1));
        // The checkers have no one loop to prove alive: each checker's failure already stops the
        // daemon (failed above), so the watchdog is fed from a supervised thread of its own.
        Supervisor watchdogThread = new Supervisor(reason -> {
            failure.compareAndSet("", reason);
            stop.countDown();
        });
        notifier.watchdogInterval().ifPresent(interval -> watchdogThread.start("k4j-sd-watchdog", Thread.NORM_PRIORITY,
                new ServiceWatchdog(Runnable::run, notifier, interval)::step));
        try (SignalHandlers signals = SignalHandlers.install(actions, signalWork, options.ignoreSigint())) {
            notifier.ready(DaemonRunner.readyStatus(config, false, true));
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
            signalWork.shutdownNow();
            control.ifPresent(io.keepalived4j.control.ControlServer::close);
            notifier.stopping();
            watchdogThread.close();
        }
        // The checkers' own stop is bounded (attempts interrupted, 5 s at most); this bounds the rest.
        Thread watchdog = Thread.ofPlatform().name("k4j-stop-watchdog").daemon(true).start(() -> {
            try {
                TimeUnit.SECONDS.sleep(12);
                System.err.println("keepalived4j: the checkers' stop did not end within 12 s; halting");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // stopped in time
            }
        });
        checkers.close();
        watchdog.interrupt();
        if (!failure.get().isEmpty()) {
            CheckerService.LOG.error("Stopped because {}", failure.get());
        }
        CheckerService.LOG.info("Stopped");
        CheckerService.LOG.info(StartupBanner.stopped(options.version()));
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return failure.get().isEmpty() ? 0 : 1;
    }
}
