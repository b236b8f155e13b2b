package io.keepalived4j.daemon;

import io.keepalived4j.api.KeepalivedDataFormat;
import io.keepalived4j.api.KeepalivedJsonFormat;
import io.keepalived4j.api.KeepalivedStatsFormat;
import io.keepalived4j.api.StatusSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * keepalived's dump signals: SIGUSR1 writes the VRRP state to keepalived.data, SIGUSR2 the
 * counters to keepalived.stats, the JSON signal keepalived.json, each in keepalived 2.2.7's format
 * (io.keepalived4j.api) and mode 0600 through a temporary file renamed over the target, so a reader
 * (an exporter polling the file) never sees half a file.
 */
final class StateDump {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    /**
     * Where a dump goes: global_defs {@code keyword} (state_dump_file, stats_dump_file,
     * json_dump_file), else {@code name} in $TMPDIR when that is an absolute path, else in /tmp
     * (keepalived's global_data.c open_dump_file()).
     */
    static Path path(Map<String, List<String>> globals, String keyword, String name) {
        List<String> v = globals.get(keyword);
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

    static void writeData(StatusSnapshot s, Path target) {
        LOG.info("Printing VRRP data for process({}) on signal", ProcessHandle.current().pid());
        write(target, KeepalivedDataFormat.text(s, ZoneId.systemDefault()));
    }

    static void writeStats(StatusSnapshot s, Path target) {
        LOG.info("Printing VRRP stats for process({}) on signal", ProcessHandle.current().pid());
        write(target, KeepalivedStatsFormat.text(s));
    }

    /** @param globals global_defs: json_version 2 wraps the array as keepalived's does */
    static void writeJson(StatusSnapshot s, Path target, Map<String, List<String>> globals) {
        LOG.info("Printing VRRP as json for process({}) on signal", ProcessHandle.current().pid());
        List<String> v = globals.get("json_version");
        write(target, KeepalivedJsonFormat.text(s, v != null && v.equals(List.of("2")) ? 2 : 1));
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
