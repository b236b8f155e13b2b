package io.keepalived4j.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines keepalived logs when it starts and stops (core/main.c; ops.md section 4), with our
 * name and version, as pure functions so their wording is tested and log scrapers written for
 * keepalived ({@code Starting Keepalived}, {@code Stopped Keepalived}) keep matching:
 *
 * <pre>
 * Starting Keepalived4j v0.1.0
 * Running on Linux 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 (Java 25.0.1)
 * Command line: 'keepalived4j' '-n' '-l' '-D' '-f' '/etc/keepalived/keepalived.conf'
 * Opening file '/etc/keepalived/keepalived.conf'.
 * ...
 * Stopping
 * Stopped - used 0.002777 user time, 0.000000 system time
 * Stopped Keepalived4j v0.1.0
 * </pre>
 */
public final class StartupBanner {

    private static final String COMMAND_LINE = "Command line";
    /** lib/scheduler.c log_options(): a line carries at most 100 - strlen(option) characters of text. */
    private static final int COMMAND_LINE_WIDTH = 100 - COMMAND_LINE.length();

    private StartupBanner() {}

    public static String starting(String version) {
        return "Starting Keepalived4j v" + version;
    }

    /**
     * keepalived prints uname's sysname, release and version, then the kernel headers it was
     * built against; what we were "built for" is the Java runtime.
     */
    public static String runningOn(String kernelRelease, String kernelVersion, String javaVersion) {
        return "Running on Linux " + kernelRelease + " " + kernelVersion + " (Java " + javaVersion + ")";
    }

    /** {@link #runningOn} for this machine: uname -r and -v from /proc/sys/kernel, this JVM's version. */
    public static String runningOnThisHost() {
        return runningOn(kernelValue("osrelease"), kernelValue("version"), Runtime.version().toString());
    }

    private static String kernelValue(String name) {
        try {
            return Files.readString(Path.of("/proc/sys/kernel", name)).strip();
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    /**
     * {@code Command line: 'argv0' 'arg1' ...}, each argument single-quoted, wrapped like
     * keepalived at the last space within 88 characters; continuation lines are indented under
     * the first argument. Each returned string is one log call.
     */
    public static List<String> commandLine(List<String> argv) {
        StringBuilder all = new StringBuilder();
        for (String arg : argv) {
            all.append(all.isEmpty() ? "" : " ").append('\'').append(arg).append('\'');
        }
        List<String> lines = new ArrayList<>();
        String rest = all.toString();
        String indent = " ".repeat(COMMAND_LINE.length() + 2);
        while (!rest.isEmpty()) {
            rest = rest.stripLeading();
            int end = wrapAt(rest);
            lines.add((lines.isEmpty() ? COMMAND_LINE + ": " : indent) + rest.substring(0, end));
            rest = rest.substring(end);
        }
        return lines;
    }

    // keepalived's get_end(): everything if it fits, else cut at a space at or before the width,
    // else (one long word) cut at the width.
    private static int wrapAt(String s) {
        if (s.length() <= COMMAND_LINE_WIDTH) {
            return s.length();
        }
        int space = s.lastIndexOf(' ', COMMAND_LINE_WIDTH);
        return space > 0 ? space : COMMAND_LINE_WIDTH;
    }

    public static String openingFile(Path config) {
        return "Opening file '" + config + "'.";
    }

    public static String stopping() {
        return "Stopping";
    }

    /** CPU time as keepalived prints it from getrusage(): seconds with six decimals. */
    public static String stoppedUsage(Duration user, Duration system) {
        return "Stopped - used " + seconds(user) + " user time, " + seconds(system) + " system time";
    }

    public static String stopped(String version) {
        return "Stopped Keepalived4j v" + version;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%d.%06d", d.toSeconds(), d.toNanosPart() / 1000);
    }
}
