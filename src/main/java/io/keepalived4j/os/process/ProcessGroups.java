package io.keepalived4j.os.process;

import io.keepalived4j.os.Libc;

/**
 * Signals a whole process group, as keepalived does for a timed-out script
 * ({@code kill(-pgid, SIGTERM)}, later SIGKILL): a script's children (a {@code sleep} it started,
 * a pipeline) die with it instead of lingering after the script itself was killed.
 */
public final class ProcessGroups {

    private ProcessGroups() {
    }

    /** SIGTERM to every process in the group; false when the group no longer exists (ESRCH). */
    public static boolean terminate(long pgid) {
        return signal(pgid, Libc.SIGTERM);
    }

    /** SIGKILL to every process in the group; false when the group no longer exists (ESRCH). */
    public static boolean kill(long pgid) {
        return signal(pgid, Libc.SIGKILL);
    }

    /** {@code sig} to the one process {@code pid}; false when it does not exist (ESRCH). */
    public static boolean signalProcess(long pid, int sig) {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        int target = (int) pid;
        long r = Libc.orErrno((a, st) -> (int) Libc.KILL.invokeExact(st, target, sig));
        if (r == -Libc.ESRCH) {
            return false;
        }
        if (r < 0) {
            throw new IllegalStateException("kill(" + pid + ", " + sig + ") failed: errno " + -r);
        }
        return true;
    }

    private static boolean signal(long pgid, int sig) {
        if (pgid <= 1 || pgid > Integer.MAX_VALUE) {
            // kill(-1, sig) would signal every process we may signal: never let a bad id get there.
            throw new IllegalArgumentException("not a process group id: " + pgid);
        }
        int target = (int) -pgid;
        long r = Libc.orErrno((a, st) -> (int) Libc.KILL.invokeExact(st, target, sig));
        if (r == -Libc.ESRCH) {
            return false;
        }
        if (r < 0) {
            throw new IllegalStateException("kill(-" + pgid + ", " + sig + ") failed: errno " + -r);
        }
        return true;
    }
}
