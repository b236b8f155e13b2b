package io.keepalived4j.lb.proxy;

import java.lang.management.ManagementFactory;

/**
 * How many client connections fit in the process's open-file limit: each takes two descriptors
 * (client and real server), and the daemon keeps a reserve for its own sockets, files and scripts,
 * so that a connection flood is refused by the proxy (counted) rather than by accept(2) failing
 * with EMFILE everywhere else in the daemon too.
 */
final class FdBudget {

    static final int RESERVE = 256;

    private FdBudget() {
    }

    static int connectionLimit() {
        return connectionLimit(openFileLimit());
    }

    /** Descriptors the proxy's sockets may take in all. */
    static int usable() {
        return usable(openFileLimit());
    }

    static int usable(long openFiles) {
        return (int) Math.min(Math.max(openFiles - RESERVE, 64), 2_000_000);
    }

    static int connectionLimit(long openFiles) {
        long usable = Math.max(openFiles - RESERVE, 32);
        return (int) Math.min(usable / 2, 1_000_000);
    }

    static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return 1024;
    }
}
