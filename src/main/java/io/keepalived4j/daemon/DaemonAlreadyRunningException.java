package io.keepalived4j.daemon;

import java.nio.file.Path;

/**
 * A pid file names a live process: another keepalived(4j) owns this configuration. keepalived
 * logs {@code daemon is already running} and exits with status 0 (verified with 2.2.7), so a
 * second {@code systemctl start} is not a failure; the caller should do the same.
 */
public final class DaemonAlreadyRunningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path pidFile;
    private final long pid;

    public DaemonAlreadyRunningException(Path pidFile, long pid) {
        super("daemon is already running");
        this.pidFile = pidFile;
        this.pid = pid;
    }

    /** The pid file that refused us. */
    public Path pidFile() {
        return pidFile;
    }

    /** The live pid it holds, or 0 when the file was unreadable (keepalived refuses then too). */
    public long pid() {
        return pid;
    }
}
