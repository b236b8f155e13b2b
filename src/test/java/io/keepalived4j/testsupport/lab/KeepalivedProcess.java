package io.keepalived4j.testsupport.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real keepalived (2.2.7, {@code /usr/sbin/keepalived}) in a lab host, VRRP subsystem only: the
 * reference the Java daemon is tested against.
 *
 * <pre>{@code
 * try (KeepalivedProcess lb1 = KeepalivedProcess.start(lab.host("lb1"), """
 *         vrrp_instance VI_1 { interface eth0 ... }
 *         """)) {
 *     lb1.waitForLog("\\(VI_1\\) Entering MASTER STATE", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Command line: {@code keepalived -n -l -D -G -P -f CONF -p PID -r VRRP_PID}: foreground (so its
 * PID is ours to signal), log to the console (captured to {@code <lab>/keepalived-<host>.log}) with
 * detail, no syslog (tests must not fill the machine's journal), VRRP only, and pid files in the
 * lab's work directory, because the defaults in /run are shared by every keepalived on the machine
 * and keepalived refuses to start when "its" pid file names a live process.
 */
public final class KeepalivedProcess implements VrrpNode {

    public static final Path BINARY = Path.of("/usr/sbin/keepalived");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10); // > keepalived's own child_wait_time 5 s

    private final LabHost host;
    private final Path config;
    private final Path pidFile;
    private final Path vrrpPidFile;
    private final LogFile log;
    private HostProcess process;

    private KeepalivedProcess(LabHost host, String configText) {
        this.host = host;
        Path dir = host.lab().workDir();
        String base = "keepalived-" + host.name();
        this.config = dir.resolve(base + ".conf");
        this.pidFile = dir.resolve(base + ".pid");
        this.vrrpPidFile = dir.resolve(base + ".vrrp.pid");
        this.log = new LogFile(dir.resolve(base + ".log"));
        try {
            Files.writeString(config, configText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    /** Writes the config into the lab's work directory; {@link #start()} runs it. */
    public static KeepalivedProcess create(LabHost host, String configText) {
        return new KeepalivedProcess(host, configText);
    }

    /** {@link #create} and {@link #start()}. */
    public static KeepalivedProcess start(LabHost host, String configText) {
        KeepalivedProcess keepalived = create(host, configText);
        keepalived.start();
        return keepalived;
    }

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
            throw new IllegalStateException("keepalived already runs in " + host);
        }
        deleteQuietly(pidFile);
        deleteQuietly(vrrpPidFile);
        LogFile.Mark mark = log.mark();
        process = HostProcess.start(host, List.of(BINARY.toString(), "-n", "-l", "-D", "-G", "-P",
                "-f", config.toString(), "-p", pidFile.toString(), "-r", vrrpPidFile.toString()), log.path());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (log.find(mark, "Startup complete").isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "did not complete startup within " + START_TIMEOUT
                        : "exited with " + process.process().exitValue();
                process.close();
                throw new AssertionError("keepalived in " + host + " " + why + "; log:\n" + log.since(mark));
            }
            LogFile.sleep(Duration.ofMillis(20));
        }
    }

    /** SIGTERM to the parent, which stops its VRRP child (priority-0 adverts, VIPs removed). */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        boolean exited = process.terminate(STOP_GRACE);
        process.close();
        if (!exited) {
            throw new AssertionError("keepalived in " + host + " ignored SIGTERM for " + STOP_GRACE + "; log:\n"
                    + log.tail());
        }
    }

    @Override
    public synchronized void kill9() {
        if (process != null) {
            process.close(); // SIGSTOP + SIGKILL of parent and VRRP child: nothing runs shutdown code
        }
    }

    /** Sends {@code signal} (e.g. "HUP" for a reload) to keepalived's parent process. */
    public synchronized void signal(String signal) {
        if (!isRunning()) {
            throw new IllegalStateException("keepalived does not run in " + host);
        }
        process.signal(signal);
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
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
        return "keepalived in " + host;
    }
}
