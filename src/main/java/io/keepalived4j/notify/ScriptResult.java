package io.keepalived4j.notify;

/**
 * How one script run ended.
 *
 * @param exitCode the exit status (0..255), or -1 when it was killed by a signal or never started
 * @param timedOut whether it ran past its timeout and was stopped
 * @param signal   the signal that ended it, 0 when it exited normally
 */
public record ScriptResult(int exitCode, boolean timedOut, int signal) {

    /** Exit status keepalived reports when exec fails ("Couldn't find command"). */
    public static final int NOT_STARTED = 127;

    public static ScriptResult exited(int code) {
        return new ScriptResult(code, false, 0);
    }

    public static ScriptResult killed(int signal) {
        return new ScriptResult(-1, false, signal);
    }

    public static ScriptResult timeout(int signal) {
        return new ScriptResult(-1, true, signal);
    }

    /** keepalived's test for a vrrp_script: exited with status 0 (not signalled, not timed out). */
    public boolean succeeded() {
        return !timedOut && signal == 0 && exitCode == 0;
    }
}
