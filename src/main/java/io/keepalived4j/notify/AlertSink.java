package io.keepalived4j.notify;

/** Where e-mail alerts go; {@link SmtpAlertSender} in the daemon. Must never block. */
public interface AlertSink {

    /** Queues an alert; false when it was dropped (queue full or sender closed). */
    boolean submit(SmtpAlert alert);
}
