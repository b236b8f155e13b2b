package io.keepalived4j.daemon;

import io.keepalived4j.config.HostName;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.notify.NotificationDispatcher;
import io.keepalived4j.notify.NotifyFifo;
import io.keepalived4j.notify.NotifyScript;
import io.keepalived4j.notify.NotifyTargets;
import io.keepalived4j.notify.ProcessScriptRunner;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.notify.SmtpAlertSender;
import io.keepalived4j.notify.SmtpSettings;
import io.keepalived4j.notify.StateNotification;
import io.keepalived4j.os.process.ScriptLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's notification side: notify scripts, notify FIFOs and SMTP alerts, all fed by
 * {@link #stateChanged}, which never blocks the VRRP loop.
 */
final class Notifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    /** keepalived has none; a hung notify script must not hold its instance's later notifications forever. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessScriptRunner runner;
    private final List<NotifyFifo> fifos;
    private final Optional<SmtpAlertSender> smtp;
    private final NotificationDispatcher dispatcher;
    private final java.util.Set<String> priorityChanges;
    private final List<java.util.function.BiConsumer<String, String>> observers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private Notifications(ProcessScriptRunner runner, List<NotifyFifo> fifos, Optional<SmtpAlertSender> smtp,
                          NotificationDispatcher dispatcher, java.util.Set<String> priorityChanges) {
        this.runner = runner;
        this.fifos = fifos;
        this.smtp = smtp;
        this.dispatcher = dispatcher;
        this.priorityChanges = priorityChanges;
    }

    static Notifications start(KeepalivedConfig config, ProcessScriptRunner runner, ScriptIdentities ids) {
        List<NotifyFifo> fifos = new ArrayList<>();
        String[][] fifoKeys = {{config.global().notifyFifo(), "notify_fifo_script", ""},
                {config.global().vrrpNotifyFifo(), "vrrp_notify_fifo_script", "vrrp_"}};
        for (String[] f : fifoKeys) {
            String path = f[0];
            if (path.isEmpty()) {
                continue;
            }
            // notify_fifo_script: the FIFO's reader, started with the FIFO's path as its last argument.
            Optional<NotifyScript> reader = config.global().fifoScript(f[1]).flatMap(ids::resolve);
            try {
                fifos.add(NotifyFifo.open(Path.of(path), reader, new ScriptLauncher()));
            } catch (IOException e) {
                LOG.error("Unable to create {}notify fifo {}: {}", f[2], path, e.getMessage());
            }
        }
        String host = HostName.get();
        Optional<SmtpAlertSender> smtp = SmtpSettings.of(config.global(), host).map(s -> SmtpAlertSender.start(s, 64));
        String routerId = config.global().routerId().isEmpty() ? host : config.global().routerId();
        NotificationDispatcher d = new NotificationDispatcher(NotifyTargets.instances(config, ids),
                NotifyTargets.groups(config, ids), runner, List.copyOf(fifos), smtp.map(s -> s), routerId, SCRIPT_TIMEOUT)
                .withoutFaultMails(config.global().other().containsKey("no_email_faults"));
        return new Notifications(runner, List.copyOf(fifos), smtp, d, priorityChanges(config));
    }

    /** An instance entered {@code state} ("MASTER", "BACKUP", "FAULT", "STOP"). */
    void stateChanged(String instance, String state, int priority) {
        dispatcher.dispatch(StateNotification.instance(instance, state, priority));
        for (java.util.function.BiConsumer<String, String> o : observers) {
            try {
                o.accept(instance, state);
            } catch (RuntimeException e) {
                LOG.error("({}) state observer failed: {}", instance, e.toString());
            }
        }
    }

    /**
     * {@code observer} hears every state change (instance name, state) from now on, on the VRRP
     * thread: it must only hand the change over (the IPVS sync daemons do).
     */
    void observe(java.util.function.BiConsumer<String, String> observer) {
        observers.add(observer);
    }

    /** What instance {@code index} of {@code host} reports, as notifications. */
    InstanceIo.Events events(String instance, io.keepalived4j.vrrp.engine.VrrpHost host, int index) {
        return new InstanceIo.Events() {
            @Override
            public void stateChanged(io.keepalived4j.vrrp.engine.Action.StateChanged change) {
                Notifications.this.stateChanged(instance, change.to().name(), host.snapshot(index).effectivePriority());
            }

            @Override
            public void lowerPriorityHeard(io.keepalived4j.vrrp.engine.Action.LowerPriorityHeard heard) {
                dispatcher.dispatch(StateNotification.instance(instance, "MASTER_RX_LOWER_PRI",
                        host.snapshot(index).effectivePriority()));
            }

            @Override
            public void priorityChanged(io.keepalived4j.vrrp.engine.Action.EffectivePriorityChanged change) {
                if (priorityChanges.contains(instance)) {
                    boolean master = host.state(index) == io.keepalived4j.vrrp.engine.VrrpState.MASTER;
                    dispatcher.dispatch(StateNotification.instance(instance, master ? "MASTER_PRIORITY" : "BACKUP_PRIORITY",
                            change.to()));
                }
            }

            @Override
            public void groupStateChanged(io.keepalived4j.vrrp.engine.Action.GroupStateChanged change) {
                dispatcher.dispatch(StateNotification.group(change.group(), change.state().name()));
            }
        };
    }

    /**
     * The instances whose priority changes are announced (FIFO only, as keepalived):
     * notify_priority_changes in the instance, else global_defs' vrrp_notify_priority_changes
     * (keepalived vrrp_complete_instance(); the sync group's own setting is not read yet).
     */
    static java.util.Set<String> priorityChanges(KeepalivedConfig config) {
        java.util.Set<String> out = new java.util.HashSet<>();
        boolean global = io.keepalived4j.config.model.Flags.of(config.global().other().get("vrrp_notify_priority_changes"), false);
        for (var i : config.vrrp().instances()) {
            if (i.flag("notify_priority_changes", global)) {
                out.add(i.name());
            }
        }
        return out;
    }


    /** Waits (bounded) for the STOP notifications of a shutdown to have run. */
    void drain(List<String> instances, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        for (String name : instances) {
            try {
                dispatcher.whenIdle(name, false).toCompletableFuture()
                        .get(Math.max(1, end - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("({}) notifications still running at exit", name);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("({}) notification failed: {}", name, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        smtp.ifPresent(SmtpAlertSender::close);
        for (NotifyFifo f : fifos) {
            try {
                f.close();
            } catch (IOException e) {
                LOG.warn("closing notify FIFO {}: {}", f.path(), e.getMessage());
            }
        }
    }
}
