package io.keepalived4j.testsupport.lab;

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
public final class KeepalivedProcess extends LabDaemon {

    public static final Path BINARY = Path.of("/usr/sbin/keepalived");

    private KeepalivedProcess(LabHost host, String configText) {
        super(host, configText, "keepalived", Duration.ofSeconds(10));
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
    List<String> command() {
        return List.of(BINARY.toString(), "-n", "-l", "-D", "-G", "-P", "-f", config.toString(), "-p",
                pidFile.toString(), "-r", vrrpPidFile.toString());
    }
}
