package io.keepalived4j.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends e-mail alerts without ever blocking the daemon: {@link #submit} only queues (bounded;
 * a full queue drops the alert), and one virtual thread sends them in order, one SMTP session
 * each (keepalived also opens one connection per alert). A dead or silent server costs that
 * thread at most {@code smtp_connect_timeout} per step, one log line, and a counter.
 *
 * <pre>{@code
 * try (SmtpAlertSender mail = SmtpAlertSender.start(settings, 64)) {
 *     mail.submit(SmtpAlert.forState(settings.routerId(), n).orElseThrow());
 * }
 * }</pre>
 */
public final class SmtpAlertSender implements AlertSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpAlertSender.class);

    private final SmtpSettings settings;
    private final Clock clock;
    private final BlockingQueue<SmtpAlert> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;

    private SmtpAlertSender(SmtpSettings settings, int capacity, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofVirtual().name("smtp-alerts").unstarted(this::drain);
    }

    public static SmtpAlertSender start(SmtpSettings settings, int capacity) {
        return start(settings, capacity, Clock.systemDefaultZone());
    }

    /** @param clock gives the Date: header (local time zone, as keepalived's localtime_r) */
    public static SmtpAlertSender start(SmtpSettings settings, int capacity, Clock clock) {
        SmtpAlertSender s = new SmtpAlertSender(settings, capacity, clock);
        s.worker.start();
        return s;
    }

    @Override
    public boolean submit(SmtpAlert alert) {
        if (closed || !queue.offer(alert)) {
            long n = dropped.incrementAndGet();
            LOG.warn("SMTP alert queue full, dropped alert '{}' ({} dropped so far)", alert.subject(), n);
            return false;
        }
        return true;
    }

    private void drain() {
        while (!closed) {
            SmtpAlert alert;
            try {
                alert = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                SmtpDialogue.send(settings, alert, ZonedDateTime.now(clock));
                sent.incrementAndGet();
                LOG.info("SMTP alert successfully sent.");
            } catch (SmtpDialogue.Failure f) {
                if (closed) {
                    return; // interrupted by close(): not the server's fault
                }
                failed.incrementAndGet();
                LOG.warn(f.getMessage());
            } catch (RuntimeException e) {
                // A bug in one alert must not end the sender: later alerts still go.
                failed.incrementAndGet();
                LOG.error("SMTP alert '{}' failed: {}", alert.subject(), e.toString(), e);
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Stops the sender; queued alerts are discarded, an alert being sent is abandoned. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
