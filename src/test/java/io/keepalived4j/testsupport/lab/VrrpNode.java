package io.keepalived4j.testsupport.lab;

import java.time.Duration;

/**
 * A VRRP daemon running in a {@link LabHost}: real keepalived ({@link KeepalivedProcess}) or,
 * later, keepalived4j; interop tests are written against this interface so either can play
 * either role.
 *
 * <pre>{@code
 * try (VrrpNode lb1 = KeepalivedProcess.start(lab.host("lb1"), config)) {
 *     lb1.waitForLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(5));
 *     lb1.stop();  // graceful: priority-0 advert, VIPs removed
 * }
 * }</pre>
 */
public interface VrrpNode extends AutoCloseable {

    /** Where it runs. */
    LabHost host();

    /**
     * Starts the daemon and returns once it runs its VRRP instances (for keepalived: "Startup
     * complete"). May be called again after {@link #stop()} or {@link #kill9()}; the log is kept.
     *
     * @throws AssertionError when it exits or does not get there in time, with its log
     */
    void start();

    /** Graceful stop (SIGTERM), waiting for the exit; SIGKILL if it hangs. */
    void stop();

    /** A crash: SIGKILL to every process of the daemon at once; VIPs stay on the host. */
    void kill9();

    boolean isRunning();

    /** The daemon's stdout and stderr, across restarts. */
    LogFile log();

    /** Waits for a log line (anywhere in the log) in which {@code regex} is found; returns it. */
    default String waitForLog(String regex, Duration timeout) {
        return log().await(regex, timeout);
    }

    /** Waits for such a line written after {@code mark} (from {@code log().mark()}). */
    default String waitForLog(LogFile.Mark mark, String regex, Duration timeout) {
        return log().await(mark, regex, timeout);
    }

    /** Kills the daemon if it still runs ({@link #kill9()} semantics). Idempotent. */
    @Override
    void close();
}
