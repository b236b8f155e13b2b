package io.keepalived4j.os.process;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a script as keepalived's {@code system_call()} does (lib/notify.c): argv executed
 * directly (no shell), stdin/stdout/stderr on /dev/null ({@code set_std_fd()}), in a process
 * group of its own so a timeout can signal the script and everything it started, and under the
 * configured user.
 *
 * <p>ProcessBuilder cannot call setsid/setpgid in the child, so the command is wrapped:
 * {@code /usr/bin/setsid [setpriv --reuid U --regid G --clear-groups|--init-groups --] argv...}.
 * Both util-linux tools exec in place, so the PID Java sees is the script's PID and, because
 * setsid(2) made it a session and group leader, also its process group id. (setsid only forks
 * when the caller already leads a group, which a JVM child never does.) The alternative,
 * posix_spawn(POSIX_SPAWN_SETSID) through FFM, would also need our own pipes and waitpid loop
 * competing with the JDK's reaper; the wrapper keeps {@link Process} and its exit handling.
 *
 * <p>Not done: PR_SET_PDEATHSIG. It fires when the spawning <em>thread</em> exits, and the
 * JDK spawns from whichever (virtual thread carrier) thread asked, so scripts would be killed
 * at random; the daemon instead stops its running scripts on shutdown.
 *
 * <p>Environment: stricter than keepalived 2.2.7, which passes its whole environment on
 * ({@code execve(..., environ)}): a script root runs gets only {@link #PASSED_ON} from the
 * daemon's environment, and the systemd default PATH. Variables that change what a program loads
 * or how a shell splits words (LD_PRELOAD, LD_LIBRARY_PATH, IFS, which keepalived 2.4 removes too)
 * and whatever the JVM's launcher was given never reach it. The command is expected to be an
 * absolute path ({@link ScriptPath}), so nothing is searched at exec time.
 */
public final class ScriptLauncher {

    /** systemd's default PATH, which keepalived's unit gives its scripts. */
    public static final String DEFAULT_PATH = String.join(":", ScriptPath.SEARCH_PATH);

    /** What a script gets from the daemon's environment: locale, time zone and home. */
    public static final java.util.Set<String> PASSED_ON = java.util.Set.of("LANG", "LANGUAGE", "TZ", "HOME");

    private final String setsid;
    private final String setpriv;

    public ScriptLauncher() {
        this("/usr/bin/setsid", "/usr/bin/setpriv");
    }

    public ScriptLauncher(String setsid, String setpriv) {
        this.setsid = setsid;
        this.setpriv = setpriv;
    }

    /** The full command executed for argv as this identity (wrappers included). */
    public List<String> command(List<String> argv, RunAs runAs) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(setsid);
        if (runAs.changesIdentity()) {
            cmd.addAll(List.of(setpriv, "--reuid=" + runAs.uid(), "--regid=" + runAs.gid(),
                    runAs.initGroups() ? "--init-groups" : "--clear-groups", "--"));
        }
        cmd.addAll(argv);
        return cmd;
    }

    /** Reduces the daemon's environment (as ProcessBuilder copies it) to what a script gets. */
    static void environment(Map<String, String> env) {
        env.keySet().removeIf(k -> !PASSED_ON.contains(k) && !k.startsWith("LC_"));
        env.put("PATH", DEFAULT_PATH);
    }

    /** Starts the script; the caller owns the returned process and must wait for or stop it. */
    public ScriptProcess start(List<String> argv, RunAs runAs) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(argv, runAs));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        environment(pb.environment());
        return new ScriptProcess(pb.start(), argv);
    }
}
