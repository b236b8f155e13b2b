package io.keepalived4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * Guard for tests that need root and network namespaces.
 *
 * <p>Developers without root get a skipped test; CI (env {@code CI=true}) runs as root, and
 * there a skip would hide that the namespace tests never ran, so it is a failure instead.
 */
public final class Root {

    private Root() {}

    /**
     * Returns when this JVM is root and can create network namespaces; otherwise fails on CI
     * and aborts (skips) the current test elsewhere.
     *
     * <pre>{@code
     * @Test
     * void backupTakesOverVip() {
     *     Root.assumeRootOrFailOnCi();
     *     try (NetNs ns = NetNs.create("failover")) { ... }
     * }
     * }</pre>
     */
    public static void assumeRootOrFailOnCi() {
        String missing = Probe.MISSING;
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("root/netns test cannot be skipped on CI: " + missing);
        }
        Assumptions.abort("needs root and ip netns: " + missing);
    }

    // Holder idiom: the probe runs once per JVM, on first use, not for every test.
    private static final class Probe {
        /** Why namespace tests cannot run here, or null when they can. */
        static final String MISSING = probe();
    }

    private static String probe() {
        long uid;
        try {
            uid = effectiveUid();
        } catch (RuntimeException e) {
            // Not Linux, or a very odd /proc: report it as a reason rather than failing class init.
            return "cannot tell the uid: " + e.getMessage();
        }
        if (uid != 0) {
            return "not root (uid " + uid + ")";
        }
        // Being uid 0 is not enough: a container may deny CAP_SYS_ADMIN, or iproute2 may be
        // missing. Creating and deleting a namespace is the only conclusive test.
        String name = "k4j-probe-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6);
        try {
            ExecResult add = Exec.run(List.of("ip", "netns", "add", name), Duration.ofSeconds(10));
            if (!add.ok()) {
                return "ip netns add failed: " + add.stderr().strip();
            }
            ExecResult del = Exec.run(List.of("ip", "netns", "del", name), Duration.ofSeconds(10));
            return del.ok() ? null : "ip netns del failed: " + del.stderr().strip();
        } catch (UncheckedIOException e) {
            return "cannot run ip (install iproute2): " + e.getCause().getMessage();
        }
    }

    // The second field of "Uid:" in /proc/self/status is the effective uid, the one the kernel checks.
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no Uid: line in /proc/self/status");
    }
}
