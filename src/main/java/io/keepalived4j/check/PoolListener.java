package io.keepalived4j.check;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.notify.SmtpAlert;

/**
 * What the pool tells the world besides the data plane: keepalived's log lines, the notify_up /
 * notify_down / quorum_up / quorum_down scripts, the lvs FIFO lines and the e-mail alerts. The
 * daemon wires it to syslog, the script runner, notify_fifo / lvs_notify_fifo and SMTP; tests
 * record it. Called with the pool's lock held: implementations queue, never block.
 */
public interface PoolListener {

    /** A line as keepalived's checker process logs it, e.g. {@code Removing service [10.0.0.2]:tcp:80 from VS [10.0.0.1]:tcp:80}. */
    void log(String line);

    /** Runs a notify_up / notify_down / quorum_up / quorum_down script. */
    void runScript(Script script);

    /** A FIFO line, e.g. {@code RS [10.0.0.2]:tcp:80 [10.0.0.1]:tcp:80 UP} (without the newline). */
    void fifo(String line);

    /** An e-mail alert (only called for servers with smtp_alert on). */
    void alert(SmtpAlert alert);
}
