package io.keepalived4j.testsupport.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A VRRP daemon in a lab host, keepalived or keepalived4j alike: its config, pid files and log
 * in the lab's work directory, started and waited for ("Startup complete"), stopped by SIGTERM to
 * its PID, or crashed with SIGKILL. Subclasses give the command line.
 */
abstract class LabDaemon implements VrrpNode {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10); // > keepalived's own child_wait_time 5 s

    private final LabHost host;
    private final String what;
    private final Duration startTimeout;
    final Path config;
    final Path pidFile;
    final Path vrrpPidFile;
    private final LogFile log;
    private HostProcess process;

    /** Writes {@code configText} to {@code <lab>/<base>-<host>.conf}. */
    LabDaemon(LabHost host, String configText, String base, Duration startTimeout) {
        this.host = host;
        this.what = base;
        this.startTimeout = startTimeout;
        Path dir = host.lab().workDir();
        String name = base + "-" + host.name();
        this.config = dir.resolve(name + ".conf");
        // Pid files in the lab, not /run: a daemon refuses to start while "its" pid file names a live process.
        this.pidFile = dir.resolve(name + ".pid");
        this.vrrpPidFile = dir.resolve(name + ".vrrp.pid");
        this.log = new LogFile(dir.resolve(name + ".log"));
        try {
            Files.writeString(config, configText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    /** The daemon's command line (run with {@code ip netns exec} in the host). */
    abstract List<String> command();

    @Override
    public LabHost host() {
        return host;
    }

    public Path configFile() {
        return config;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(what + " already runs in " + host);
        }
        deleteQuietly(pidFile);
        deleteQuietly(vrrpPidFile);
        LogFile.Mark mark = log.mark();
        process = HostProcess.start(host, command(), log.path());
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (log.find(mark, "Startup complete").isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "did not complete startup within " + startTimeout
                        : "exited with " + process.process().exitValue();
                process.close();
                throw new AssertionError(what + " in " + host + " " + why + "; log:\n" + log.since(mark));
            }
            LogFile.sleep(Duration.ofMillis(20));
        }
    }

    /** SIGTERM: priority-0 adverts, VIPs removed, exit. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        boolean exited = process.terminate(STOP_GRACE);
        process.close();
        if (!exited) {
            throw new AssertionError(what + " in " + host + " ignored SIGTERM for " + STOP_GRACE + "; log:\n" + log.tail());
        }
    }

    /** SIGSTOP + SIGKILL of the daemon's processes: nothing runs shutdown code. */
    @Override
    public synchronized void kill9() {
        if (process != null) {
            process.close();
        }
    }

    /** Sends {@code signal} (e.g. "HUP" for a reload) to the daemon's main process. */
    public synchronized void signal(String signal) {
        if (!isRunning()) {
            throw new IllegalStateException(what + " does not run in " + host);
        }
        process.signal(signal);
    }

    /**
     * The daemon's main process id (keepalived's parent, keepalived4j's JVM: {@code ip netns exec}
     * execs in place), e.g. for /proc or jcmd.
     *
     * @throws IllegalStateException when it does not run
     */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException(what + " does not run in " + host);
        }
        return process.pid();
    }

    /** The daemon's processes: the main one and its children (keepalived's VRRP child). */
    public synchronized List<Long> pids() {
        return process == null ? List.of() : process.tree();
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The daemon's exit status once it has exited by itself; empty while it runs (or never ran). */
    public synchronized java.util.OptionalInt exitStatus() {
        return process == null || process.isAlive() ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(process.process().exitValue());
    }

    @Override
    public LogFile log() {
        return log;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return what + " in " + host;
    }
}
