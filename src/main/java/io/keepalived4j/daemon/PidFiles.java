package io.keepalived4j.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * keepalived's three pid file locations ({@code -p}, {@code -r}, {@code -c}; ops.md section 1)
 * and claiming the ones a run needs, all or none. keepalived4j is one process, so every claimed
 * file holds the same pid: {@code kill -HUP $(cat /run/keepalived_vrrp.pid)} keeps working.
 *
 * <pre>{@code
 * try (PidFiles.Claimed claimed = PidFiles.of(pidFile, vrrpPidFile, null).claim(true, false)) {
 *     ... run ...
 * }   // files removed
 * }</pre>
 *
 * @param parent   {@code -p}, default /run/keepalived.pid (systemd's PIDFile=)
 * @param vrrp     {@code -r}, default /run/keepalived_vrrp.pid
 * @param checkers {@code -c}, default /run/keepalived_checkers.pid
 */
public record PidFiles(Path parent, Path vrrp, Path checkers) {

    public static final Path DEFAULT_PARENT = Path.of("/run/keepalived.pid");
    public static final Path DEFAULT_VRRP = Path.of("/run/keepalived_vrrp.pid");
    public static final Path DEFAULT_CHECKERS = Path.of("/run/keepalived_checkers.pid");

    /** The CLI's values, each null when the flag was not given. */
    public static PidFiles of(Path parent, Path vrrp, Path checkers) {
        return new PidFiles(parent == null ? DEFAULT_PARENT : parent, vrrp == null ? DEFAULT_VRRP : vrrp,
                checkers == null ? DEFAULT_CHECKERS : checkers);
    }

    /**
     * Claims the parent file and, as requested, the VRRP and checker ones for this process; when
     * one is refused, those already written are removed again before the exception propagates.
     *
     * @throws DaemonAlreadyRunningException when any of them names a live process
     */
    public Claimed claim(boolean withVrrp, boolean withCheckers) {
        List<Path> wanted = new ArrayList<>(List.of(parent));
        if (withVrrp) {
            wanted.add(vrrp);
        }
        if (withCheckers) {
            wanted.add(checkers);
        }
        List<PidFile> claimed = new ArrayList<>();
        try {
            for (Path p : wanted) {
                claimed.add(PidFile.claim(p));
            }
        } catch (RuntimeException e) {
            new Claimed(claimed).close();
            throw e;
        }
        return new Claimed(claimed);
    }

    /** The files written by one {@link #claim}; closing removes those that still name us. */
    public record Claimed(List<PidFile> files) implements AutoCloseable {
        public Claimed {
            files = Collections.unmodifiableList(new ArrayList<>(files));
        }

        @Override
        public void close() {
            for (PidFile f : files.reversed()) {
                f.close();
            }
        }
    }
}
