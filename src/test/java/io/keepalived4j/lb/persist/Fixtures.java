package io.keepalived4j.lb.persist;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/** Shared test values: one persistent service, its real servers, virtual time in seconds. */
final class Fixtures {

    static final String WEB = "[10.0.0.1]:tcp:80";
    static final String WEB6 = "[2001:db8::1]:tcp:443";
    static final long S = 1_000_000_000L;
    /** A start near the end of the nanoTime range: every comparison must survive the wrap. */
    static final long T0 = Long.MAX_VALUE - 500 * S;
    static final Duration TIMEOUT = Duration.ofSeconds(300);
    static final InetSocketAddress RS1 = dest("10.0.0.2", 80);
    static final InetSocketAddress RS2 = dest("10.0.0.3", 80);
    static final InetSocketAddress RS3 = dest("10.0.0.4", 80);

    private Fixtures() {
    }

    static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    static InetSocketAddress dest(String ip, int port) {
        return new InetSocketAddress(ip(ip), port);
    }

    static long at(long seconds) {
        return T0 + seconds * S;
    }

    /** A table with {@link #WEB} (timeout 300 s, granularity {@code granularity} or per client) on RS1..RS3. */
    static PersistenceTable table(int max, boolean expireQuiescent, Optional<Granularity> granularity) {
        PersistenceTable t = new PersistenceTable(max, expireQuiescent);
        t.addService(WEB, new PersistencePolicy(TIMEOUT, granularity.orElse(Granularity.HOST)));
        for (InetSocketAddress d : new InetSocketAddress[]{RS1, RS2, RS3}) {
            t.setDestination(WEB, d, 1);
        }
        return t;
    }

    static PersistenceTable table() {
        return table(PersistenceTable.DEFAULT_MAX_ENTRIES, false, Optional.empty());
    }
}
