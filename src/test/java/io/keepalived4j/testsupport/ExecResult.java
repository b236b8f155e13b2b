package io.keepalived4j.testsupport;

/**
 * What a finished (or killed) command left behind.
 *
 * @param exitCode the process's exit status; after a timeout, that of the killed process (e.g. 137)
 * @param stdout   everything it wrote to standard output, decoded as UTF-8
 * @param stderr   everything it wrote to standard error, decoded as UTF-8
 * @param timedOut true when it outlived its timeout and was killed
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    /** True when the command finished in time with status 0. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
