package io.keepalived4j.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Announces state changes the way keepalived's {@code send_instance_notifies()} /
 * {@code send_group_notifies()} do (vrrp_notify.c), in its order: the per-state script
 * ({@code notify_master}, ...), then the generic {@code notify} with
 * {@code INSTANCE|GROUP NAME STATE PRIORITY}, then the FIFO line(s), then the e-mail alert.
 *
 * <p>Unlike keepalived, which forks each script and moves on (so a quick MASTER then BACKUP can
 * run out of order: issue #996), each script here is awaited before the next step, and the
 * {@link NotificationQueue} holds back an instance's next notification until the previous one is
 * finished: one instance's notifications never overlap and keep their order, while different
 * instances proceed independently. {@link #dispatch} never blocks.
 *
 * <pre>{@code
 * dispatcher.dispatch(StateNotification.instance("VI_1", "MASTER", 100));
 * }</pre>
 */
public final class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final List<String> GENERIC_STATES = List.of("MASTER", "BACKUP", "FAULT", "STOP", "DELETED");

    private final Map<String, NotifyTarget> instances;
    private final Map<String, NotifyTarget> groups;
    private final ScriptRunner runner;
    private final List<NotifyFifo> fifos;
    private final Optional<AlertSink> alerts;
    private final String routerId;
    private final Duration scriptTimeout;
    private final NotificationQueue queue = new NotificationQueue();
    private final Map<String, String> lastMailedState = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> idle = new HashMap<>();
    private volatile boolean mailFaults = true;

    /**
     * @param instances     targets by vrrp_instance name
     * @param groups        targets by vrrp_sync_group name
     * @param fifos         notify_fifo and vrrp_notify_fifo (each gets every line)
     * @param alerts        the mail sender, empty when SMTP is not configured
     * @param routerId      router_id for mail subjects
     * @param scriptTimeout how long a notify script may run before its group is killed; keepalived
     *                      has none, but a hung script must not hold an instance's later notifications forever
     */
    public NotificationDispatcher(Map<String, NotifyTarget> instances, Map<String, NotifyTarget> groups,
                                  ScriptRunner runner, List<NotifyFifo> fifos, Optional<AlertSink> alerts,
                                  String routerId, Duration scriptTimeout) {
        this.instances = Map.copyOf(instances);
        this.groups = Map.copyOf(groups);
        this.runner = runner;
        this.fifos = List.copyOf(fifos);
        this.alerts = alerts;
        this.routerId = routerId;
        this.scriptTimeout = scriptTimeout;
    }

    /** global_defs no_email_faults: entering FAULT is not mailed. */
    public NotificationDispatcher withoutFaultMails(boolean noEmailFaults) {
        this.mailFaults = !noEmailFaults;
        return this;
    }

    /** Queues a state change; it runs now, or after the same instance's earlier ones finish. */
    public void dispatch(StateNotification n) {
        Optional<StateNotification> start;
        synchronized (this) {
            idle.computeIfAbsent(key(n), k -> new CompletableFuture<>());
            start = queue.submit(n);
        }
        start.ifPresent(this::run);
    }

    /** Completes when every state notification queued so far for that instance or group has finished. */
    public synchronized CompletionStage<Void> whenIdle(String name, boolean group) {
        CompletableFuture<Void> f = idle.get(StateNotification.instance(name, "STOP", 0).withGroup(group).queueKey());
        return f == null ? CompletableFuture.completedFuture(null) : f;
    }

    /** Notifications replaced by a newer one while waiting (see {@link NotificationQueue}). */
    public synchronized long coalesced() {
        return queue.coalesced();
    }

    private void run(StateNotification n) {
        NotifyTarget t = (n.group() ? groups : instances).getOrDefault(n.name(), NotifyTarget.none());
        CompletionStage<?> chain = script(t.forState(n), List.of())
                .thenCompose(r -> GENERIC_STATES.contains(n.state())
                        ? script(t.generic(), n.notifyArguments()) : CompletableFuture.completedFuture(null))
                .thenRun(() -> announce(n, t));
        chain.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.error("notification {} failed", n, failure);
            }
            finished(n);
        });
    }

    private CompletionStage<ScriptResult> script(Optional<NotifyScript> s, List<String> extra) {
        if (s.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> argv = s.get().withArguments(extra);
        return runner.run(argv, s.get().runAs(), scriptTimeout).thenApply(r -> {
            if (r.timedOut()) {
                LOG.warn("Notify script {} timed out after {} ms - killed", argv.getFirst(), scriptTimeout.toMillis());
            }
            return r;
        });
    }

    private void announce(StateNotification n, NotifyTarget t) {
        fifos.forEach(f -> f.write(n));
        if (alerts.isEmpty() || !t.smtpAlert() || (!mailFaults && n.state().equals("FAULT"))) {
            return;
        }
        Optional<SmtpAlert> mail = SmtpAlert.forState(routerId, n);
        synchronized (this) {
            // keepalived mails a state once (last_email_state), not every repeat of it.
            if (mail.isEmpty() || n.state().equals(lastMailedState.put(key(n), n.state()))) {
                return;
            }
        }
        alerts.get().submit(mail.get());
    }

    private void finished(StateNotification n) {
        Optional<StateNotification> next;
        CompletableFuture<Void> done = null;
        synchronized (this) {
            next = queue.finished(n);
            if (next.isEmpty()) {
                done = idle.remove(key(n));
            }
        }
        if (done != null) {
            done.complete(null);
        }
        next.ifPresent(this::run);
    }

    private static String key(StateNotification n) {
        return n.queueKey();
    }
}
