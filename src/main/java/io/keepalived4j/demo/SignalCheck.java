package io.keepalived4j.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Ctrl-C can reach this JVM. A process started in the background by a non-interactive
 * shell inherits SIGINT as ignored, and the JVM then leaves it ignored (no shutdown on SIGINT), so
 * the demo says so instead of promising that Ctrl-C works.
 */
final class SignalCheck {

    private static final long SIGINT_BIT = 1L << (2 - 1); // signal n is bit n-1 of SigIgn

    private SignalCheck() {
    }

    static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & SIGINT_BIT) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
