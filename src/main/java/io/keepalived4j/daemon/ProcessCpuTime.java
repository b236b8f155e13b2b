package io.keepalived4j.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * User and system CPU time of this whole process (all JVM threads), for the {@code Stopped -
 * used X user time, Y system time} line. Read from /proc/self/stat fields 14 (utime) and 15
 * (stime), counted in USER_HZ ticks, which the kernel fixes at 100 for /proc on x86 and ARM
 * (proc(5)); keepalived uses getrusage(RUSAGE_SELF), the same counters.
 */
public record ProcessCpuTime(Duration user, Duration system) {

    private static final long USER_HZ = 100;

    public static ProcessCpuTime current() {
        try {
            return parseStat(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/stat", e);
        }
    }

    /** Parses a /proc/PID/stat line; the command name (field 2) may contain spaces and parentheses. */
    public static ProcessCpuTime parseStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) f[12].
        return new ProcessCpuTime(ticks(Long.parseLong(f[11])), ticks(Long.parseLong(f[12])));
    }

    private static Duration ticks(long n) {
        return Duration.ofMillis(n * 1000 / USER_HZ);
    }
}
