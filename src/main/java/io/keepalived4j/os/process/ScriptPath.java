package io.keepalived4j.os.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a script's command really is, found as keepalived 2.2.7 finds it before checking and
 * running it (lib/notify.c check_script_secure()): a name without '/' is searched in
 * {@link #SEARCH_PATH} for a regular executable file, then the path is made absolute and its
 * symlinks resolved. The script-security check and the launcher both use the path this returns, so
 * the file that was checked is the file that runs: nothing is looked up again at exec time (a PATH
 * search then, or a symlink changed since, could run something else).
 *
 * <p>keepalived's one refinement: when the resolved file has another name than the configured one
 * (a symlink {@code /x/alias -> /x/tool}), the configured name in the resolved directory is kept if
 * it is the same file, so a script that looks at its {@code $0} still sees its own name.
 */
public final class ScriptPath {

    /**
     * The PATH searched for bare names: systemd's default, which keepalived's service gets; the
     * daemon's own PATH (a shell's, in a test) does not decide what root runs.
     */
    public static final List<String> SEARCH_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    private ScriptPath() {
    }

    /** The absolute, symlink-free path of {@code command}'s executable, or empty when there is none. */
    public static Optional<Path> resolve(String command) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> found = command.contains("/") ? Optional.of(Path.of(command)) : search(command);
        return found.flatMap(ScriptPath::real);
    }

    private static Optional<Path> search(String name) {
        for (String dir : SEARCH_PATH) {
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> real(Path p) {
        try {
            Path absolute = p.toAbsolutePath();
            Path real = absolute.toRealPath();
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path named = absolute.getFileName() == null ? real : real.resolveSibling(absolute.getFileName());
            if (!named.equals(real) && Files.exists(named, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(named, real)) {
                return Optional.of(named);
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
