package io.keepalived4j.testsupport.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * keepalived4j itself in a lab host: the JVM of this test run (same JDK, same class path) running
 * {@code io.keepalived4j.cli.Main -n -l -D -G -P -f CONF}, so the interop tests can put it in
 * place of keepalived 2.2.7 on either node.
 */
public final class Keepalived4jProcess implements VrrpNode {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final LabHost host;
    private final Path config;
    private final LogFile log;
    private HostProcess process;

    private Keepalived4jProcess(LabHost host, String configText) {
        this.host = host;
        Path dir = host.lab().workDir();
        String base = "keepalived4j-" + host.name();
        this.config = dir.resolve(base + ".conf");
        this.log = new LogFile(dir.resolve(base + ".log"));
        try {
            Files.writeString(config, configText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    /** Writes the config into the lab's work directory; {@link #start()} runs it. */
    public static Keepalived4jProcess create(LabHost host, String configText) {
        return new Keepalived4jProcess(host, configText);
    }

    @Override
    public LabHost host() {
        return host;
    }

    /** The command line: this JVM's java and class path, with native access for the FFM layer. */
    static List<String> command(Path config) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Pid files in the lab, not /run: keepalived refuses to start when "its" pid file names a live process.
        String base = config.toString().replaceFirst("\\.conf$", "");
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.keepalived4j.cli.Main",
                "-n", "-l", "-D", "-G", "-P", "-f", config.toString(), "-p", base + ".pid", "-r", base + ".vrrp.pid");
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("keepalived4j already runs in " + host);
        }
        LogFile.Mark mark = log.mark();
        process = HostProcess.start(host, command(config), log.path());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (log.find(mark, "Startup complete").isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "did not complete startup within " + START_TIMEOUT
                        : "exited with " + process.process().exitValue();
                process.close();
                throw new AssertionError("keepalived4j in " + host + " " + why + "; log:\n" + log.since(mark));
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
            throw new AssertionError("keepalived4j in " + host + " ignored SIGTERM for " + STOP_GRACE + "; log:\n"
                    + log.tail());
        }
    }

    @Override
    public synchronized void kill9() {
        if (process != null) {
            process.close();
        }
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

    @Override
    public String toString() {
        return "keepalived4j in " + host;
    }
}
