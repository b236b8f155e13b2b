package io.keepalived4j.daemon;

import io.keepalived4j.check.Checkers;
import io.keepalived4j.check.FileCheckStatus;
import io.keepalived4j.check.HealthPool;
import io.keepalived4j.check.PoolListener;
import io.keepalived4j.check.PoolSettings;
import io.keepalived4j.check.PoolStatus;
import io.keepalived4j.config.HostName;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.lvs.FileCheck;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.DataPlane;
import io.keepalived4j.notify.NotifyFifo;
import io.keepalived4j.notify.NotifyScript;
import io.keepalived4j.notify.ProcessScriptRunner;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.notify.SmtpAlert;
import io.keepalived4j.notify.SmtpAlertSender;
import io.keepalived4j.notify.SmtpSettings;
import io.keepalived4j.os.process.ScriptLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * keepalived's checker process, inside the daemon: the virtual servers' pools and their checkers
 * ({@link HealthPool}), fed to the chosen {@link DataPlane}, with keepalived's log identity
 * ({@code Keepalived_healthcheckers}), notify_up/notify_down/quorum scripts, the FIFO lines
 * ({@code notify_fifo}, {@code lvs_notify_fifo}), checker e-mails, FILE_CHECK's tracked files
 * (read every second) and ha_suspend (the host's addresses, read every second).
 *
 * <p>Checker attempts run on virtual threads, never on the VRRP loop; the two pollers run under
 * the {@link Supervisor}, which stops the daemon if they keep failing.
 */
final class CheckerService implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger("Keepalived_healthcheckers");
    /** keepalived runs notify_up/notify_down without a time limit; a hung one must not pile up. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final HealthPool pool;
    private final DataPlane dataPlane;
    private final ProcessScriptRunner runner;
    private final List<NotifyFifo> fifos;
    private final Optional<SmtpAlertSender> smtp;
    private final Supervisor supervisor;
    private final FileChecks files;

    private CheckerService(HealthPool pool, DataPlane dataPlane, ProcessScriptRunner runner, List<NotifyFifo> fifos,
                           Optional<SmtpAlertSender> smtp, Supervisor supervisor, FileChecks files) {
        this.files = files;
        this.pool = pool;
        this.dataPlane = dataPlane;
        this.runner = runner;
        this.fifos = fifos;
        this.smtp = smtp;
        this.supervisor = supervisor;
    }

    /**
     * Starts the checkers of {@code config}'s virtual servers.
     *
     * @param fifoReaders whether to start notify_fifo_script / lvs_notify_fifo_script (false when
     *                    the VRRP side runs too and already started notify_fifo's)
     * @param failed      called when a poller cannot be kept running: the daemon stops
     */
    static CheckerService start(KeepalivedConfig config, DaemonSettings settings, DataPlane dataPlane,
                                boolean vrrpRunsToo, Consumer<String> failed) {
        ScriptIdentities ids = ScriptIdentities.of(config.global()).refusing(settings.refusedScripts());
        ProcessScriptRunner runner = new ProcessScriptRunner();
        List<NotifyFifo> fifos = openFifos(config, ids, vrrpRunsToo);
        String host = HostName.get();
        Optional<SmtpAlertSender> smtp = SmtpSettings.of(config.global(), host).map(s -> SmtpAlertSender.start(s, 64));
        PoolListener listener = new Listener(ids, runner, fifos, smtp);
        HealthPool pool = HealthPool.create(config.lvs().virtualServers(), dataPlane, listener,
                PoolSettings.of(config.global(), host), new Checkers(ids::resolve, runner, config.lvs().ssl()),
                io.keepalived4j.check.CheckClock.SYSTEM);
        Supervisor supervisor = new Supervisor(failed::accept);
        FileChecks files = new FileChecks(config);
        HostAddresses addresses = new HostAddresses();
        boolean anySuspend = config.lvs().virtualServers().stream().anyMatch(vs -> vs.pool().haSuspend());
        Set<InetAddress> present = anySuspend ? addresses.read() : Set.of();
        pool.start(files::status, vs -> vs.key() instanceof ServiceKey.Address a && present.contains(a.address()));
        if (files.any()) {
            supervisor.start("k4j-checker-files", Thread.NORM_PRIORITY, () -> {
                Thread.sleep(POLL);
                files.poll(pool);
            });
        }
        if (anySuspend) {
            supervisor.start("k4j-checker-addresses", Thread.NORM_PRIORITY, () -> {
                Thread.sleep(POLL);
                addresses.poll(pool);
            });
        }
        return new CheckerService(pool, dataPlane, runner, fifos, smtp, supervisor, files);
    }

    /**
     * SIGHUP: the pools follow {@code next}'s virtual servers (already read and checked by
     * {@link io.keepalived4j.daemon.reload.ReloadCheck}); unchanged ones run on untouched, see
     * {@link HealthPool#reload}. Added and changed servers' checkers are made with {@code next}'s
     * global settings; the notify scripts, FIFOs, e-mail settings and FILE_CHECK files of the
     * start stay (a FILE_CHECK new in {@code next} reads as 0 until a restart).
     */
    HealthPool.PoolReloadResult reload(KeepalivedConfig next, Set<io.keepalived4j.config.Position> refusedScripts) {
        ScriptIdentities ids = ScriptIdentities.of(next.global()).refusing(refusedScripts);
        Set<InetAddress> present = next.lvs().virtualServers().stream().anyMatch(vs -> vs.pool().haSuspend())
                ? new HostAddresses().read() : Set.of();
        HealthPool.PoolReloadResult r = pool.reload(next.lvs().virtualServers(),
                PoolSettings.of(next.global(), HostName.get()), new Checkers(ids::resolve, runner, next.lvs().ssl()),
                files::status, vs -> vs.key() instanceof ServiceKey.Address a && present.contains(a.address()));
        LOG.info("Reload: virtual servers: {}", r.summary());
        return r;
    }

    private static List<NotifyFifo> openFifos(KeepalivedConfig config, ScriptIdentities ids, boolean vrrpRunsToo) {
        List<NotifyFifo> fifos = new ArrayList<>();
        String[][] keys = {{config.global().notifyFifo(), "notify_fifo_script", ""},
                {first(config.global().other().get("lvs_notify_fifo")), "lvs_notify_fifo_script", "lvs_"}};
        for (String[] k : keys) {
            if (k[0] == null || k[0].isEmpty()) {
                continue;
            }
            boolean shared = k[2].isEmpty() && vrrpRunsToo;
            Optional<NotifyScript> reader = shared ? Optional.empty() : config.global().fifoScript(k[1]).flatMap(ids::resolve);
            try {
                fifos.add(NotifyFifo.open(Path.of(k[0]), reader, new ScriptLauncher()));
            } catch (IOException e) {
                LOG.error("Unable to create {}notify fifo {}: {}", k[2], k[0], e.getMessage());
            }
        }
        return fifos;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** SIGUSR2: the load balancer's table beside the stats dump (nothing without the proxy). */
    void dumpLvs(KeepalivedConfig config) {
        LvsDump.write(dataPlane, LvsDump.path(config.global().other()));
    }

    /** The data plane's connection counts per real server (empty when it does not count or cannot say). */
    java.util.Map<String, io.keepalived4j.lb.ServerConnections> connections() {
        try {
            return dataPlane.connections();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the data plane's connections: {}", e.toString());
            return java.util.Map.of();
        }
    }

    List<PoolStatus.VirtualServerStatus> status() {
        return pool.status();
    }

    HealthPool pool() {
        return pool;
    }

    /** Stops the checkers and takes the services down ("Shutting down service ..."). */
    @Override
    public void close() {
        supervisor.stopRestarting();
        supervisor.close();
        pool.close();
        dataPlane.close();
        runner.close();
        for (NotifyFifo f : fifos) {
            try {
                f.close();
            } catch (IOException e) {
                LOG.warn("Closing notify fifo {}: {}", f.path(), e.getMessage());
            }
        }
        smtp.ifPresent(SmtpAlertSender::close);
    }

    /** The pool's side effects, queued: the pool calls this under its lock. */
    private record Listener(ScriptIdentities ids, ProcessScriptRunner runner, List<NotifyFifo> fifos,
                            Optional<SmtpAlertSender> smtp) implements PoolListener {
        @Override
        public void log(String line) {
            LOG.info(line);
        }

        @Override
        public void runScript(Script script) {
            ids.resolve(script).ifPresent(s -> runner.run(s.argv(), s.runAs(), SCRIPT_TIMEOUT));
        }

        @Override
        public void fifo(String line) {
            fifos.forEach(f -> f.writeLine(line));
        }

        @Override
        public void alert(SmtpAlert alert) {
            smtp.ifPresent(s -> s.submit(alert));
        }
    }

    /** FILE_CHECK: each checker's tracked file, read every second as keepalived's inotify would see it. */
    private static final class FileChecks {
        private final Map<FileCheck, TrackedFile> files = new HashMap<>();
        private final Map<FileCheck, Long> last = new HashMap<>();
        private final Map<String, TrackFile> byName = new HashMap<>();

        FileChecks(KeepalivedConfig config) {
            config.vrrp().trackFiles().forEach(t -> byName.put(t.name(), t));
            Map<String, TrackedFile> opened = new HashMap<>();
            for (VirtualServer vs : config.lvs().virtualServers()) {
                vs.realServers().forEach(rs -> rs.checkers().forEach(c -> {
                    if (c instanceof FileCheck f && byName.containsKey(f.trackFile())) {
                        files.put(f, opened.computeIfAbsent(f.trackFile(), n -> {
                            TrackedFile t = new TrackedFile(byName.get(n));
                            t.initialise();
                            return t;
                        }));
                    }
                }));
            }
        }

        boolean any() {
            return !files.isEmpty();
        }

        long status(FileCheck f) {
            TrackedFile t = files.get(f);
            if (t == null) {
                return 0;
            }
            OptionalLong v = t.read();
            TrackFile cfg = byName.get(f.trackFile());
            long weight = f.weight().orElse(cfg.weight());
            boolean reverse = f.weight().isPresent() ? f.reverse() : cfg.reverse();
            long s = FileCheckStatus.of(v.orElse(0), weight, reverse);
            last.put(f, s);
            return s;
        }

        void poll(HealthPool pool) {
            for (FileCheck f : files.keySet()) {
                Long before = last.get(f);
                long now = status(f);
                if (before == null || before != now) {
                    pool.fileChanged(f, now);
                }
            }
        }
    }

    /** ha_suspend: the host's addresses, compared with the last look. */
    private static final class HostAddresses {
        private Set<InetAddress> known = Set.of();

        Set<InetAddress> read() {
            Set<InetAddress> all = new HashSet<>();
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    all.addAll(Collections.list(nif.getInetAddresses()).stream()
                            .map(HostAddresses::withoutScope).toList());
                }
            } catch (SocketException e) {
                LOG.warn("Cannot list the host's addresses: {}", e.getMessage());
                return known;
            }
            known = Set.copyOf(all);
            return known;
        }

        private static InetAddress withoutScope(InetAddress a) {
            try {
                return InetAddress.getByAddress(a.getAddress());
            } catch (java.net.UnknownHostException e) {
                return a;
            }
        }

        void poll(HealthPool pool) {
            Set<InetAddress> before = known;
            Set<InetAddress> now = read();
            for (InetAddress a : now) {
                if (!before.contains(a)) {
                    pool.addressChanged(a, true);
                }
            }
            for (InetAddress a : before) {
                if (!now.contains(a)) {
                    pool.addressChanged(a, false);
                }
            }
        }
    }
}
