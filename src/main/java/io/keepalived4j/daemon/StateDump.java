package io.keepalived4j.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * keepalived's SIGUSR1 / SIGUSR2 answers: the VRRP state to /tmp/keepalived.data and the counters
 * to /tmp/keepalived.stats, written mode 0600 through a temporary file and renamed, so a reader
 * never sees half a file.
 */
final class StateDump {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    static final Path DATA = Path.of("/tmp/keepalived.data");
    static final Path STATS = Path.of("/tmp/keepalived.stats");

    /**
     * Where SIGUSR1 / SIGUSR2 write: global_defs state_dump_file / stats_dump_file, else
     * keepalived.data / keepalived.stats in $TMPDIR when that is an absolute path, else in /tmp
     * (keepalived's global_data.c open_dump_file()).
     */
    static Path path(java.util.Map<String, java.util.List<String>> globals, String keyword, String name) {
        java.util.List<String> v = globals.get(keyword);
        if (v != null && !v.isEmpty()) {
            Path p = Path.of(v.getFirst());
            return p.isAbsolute() ? p : dumpDirectory().resolve(p);
        }
        return dumpDirectory().resolve(name);
    }

    private static Path dumpDirectory() {
        String tmp = System.getenv("TMPDIR");
        return tmp != null && tmp.startsWith("/") ? Path.of(tmp) : Path.of("/tmp");
    }

    private StateDump() {
    }

    static void writeData(List<InstanceStatus> status) {
        writeData(status, DATA);
    }

    static void writeData(List<InstanceStatus> status, Path target) {
        LOG.info("Printing VRRP data for process({}) on signal", ProcessHandle.current().pid());
        StringBuilder b = new StringBuilder("------< VRRP Topology >------\n");
        for (InstanceStatus s : status) {
            b.append(" VRRP Instance = ").append(s.name()).append('\n')
                    .append("   State = ").append(s.state()).append('\n')
                    .append("   VIPs held = ").append(s.holdsVips()).append('\n');
        }
        write(target, b.toString());
    }

    static void writeStats(List<InstanceStatus> status) {
        writeStats(status, STATS);
    }

    static void writeStats(List<InstanceStatus> status, Path target) {
        LOG.info("Printing VRRP stats for process({}) on signal", ProcessHandle.current().pid());
        StringBuilder b = new StringBuilder();
        for (InstanceStatus s : status) {
            b.append("VRRP Instance: ").append(s.name()).append('\n')
                    .append("  Advertisements:\n")
                    .append("    Received: ").append(s.advertsReceived()).append('\n')
                    .append("    Sent: ").append(s.advertsSent()).append('\n')
                    .append("  Became master: ").append(s.becameMaster()).append('\n')
                    .append("  Split brain reports: ").append(s.splitBrain()).append('\n')
                    .append("  Rejected packets:\n");
            s.rejects().forEach((reason, n) -> b.append("    ").append(reason.name()).append(": ").append(n).append('\n'));
        }
        write(target, b.toString());
    }

    /** Writes a dump file through a new 0600 file renamed over the target. */
    static void writeText(Path target, String text) {
        write(target, text);
    }

    private static void write(Path target, String text) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", target, e.getMessage());
        }
    }
}
