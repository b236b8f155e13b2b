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

    private StateDump() {
    }

    static void writeData(List<InstanceStatus> status) {
        LOG.info("Printing VRRP data for process({}) on signal", ProcessHandle.current().pid());
        StringBuilder b = new StringBuilder("------< VRRP Topology >------\n");
        for (InstanceStatus s : status) {
            b.append(" VRRP Instance = ").append(s.name()).append('\n')
                    .append("   State = ").append(s.state()).append('\n')
                    .append("   VIPs held = ").append(s.holdsVips()).append('\n');
        }
        write(DATA, b.toString());
    }

    static void writeStats(List<InstanceStatus> status) {
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
        write(STATS, b.toString());
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
