package io.keepalived4j.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A throw-away network namespace with interfaces {@code eth0..eth3}, for tests that need real
 * links, addresses and raw sockets without touching the host's network.
 *
 * <pre>{@code
 * Root.assumeRootOrFailOnCi();
 * try (NetNs ns = NetNs.create("vrrp")) {
 *     ExecResult r = ns.exec(List.of("ip", "-o", "link"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>The namespace is {@code k4j-<purpose>-<6 hex>}; each {@code ethN} is one end of a veth pair
 * whose other end, {@link #hostPeer(int) k4jv<6 hex>N}, stays on the host (11 characters, well
 * under the kernel's 15-character IFNAMSIZ limit). The random suffix keeps parallel and aborted
 * runs from colliding. Everything is removed on {@link #close()}, also when creation failed
 * half-way, and by a shutdown hook if a test never closes it.
 */
public final class NetNs implements AutoCloseable {

    /** How many interfaces ({@code eth0..eth3}) a namespace gets. */
    public static final int INTERFACES = 4;

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SUFFIX = Pattern.compile("[0-9a-f]{6}");

    // Namespaces not yet closed; the hook removes them if the JVM exits early (e.g. a surefire
    // timeout), because a leaked namespace breaks CI's leftover check for every later run.
    private static final Set<NetNs> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("k4j-netns-cleanup").unstarted(() -> {
            for (NetNs ns : List.copyOf(OPEN)) {
                try {
                    ns.close();
                } catch (RuntimeException e) {
                    System.err.println("NetNs cleanup: " + e.getMessage());
                }
            }
        }));
    }

    private final String name;
    private final String suffix;
    // Only what was really created is removed: a same-named link someone else made stays.
    private final List<String> createdPeers = new ArrayList<>();
    private boolean namespaceCreated;
    private boolean closed;

    private NetNs(String name, String suffix) {
        this.name = name;
        this.suffix = suffix;
    }

    /**
     * Creates {@code k4j-<purpose>-<random>} with {@code lo} and {@code eth0..eth3} up.
     *
     * @param purpose lower-case letters, digits and inner dashes, at most 20 characters
     * @throws IllegalStateException when an {@code ip} command fails; nothing is left behind then
     */
    public static NetNs create(String purpose) {
        return create(purpose, HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6));
    }

    /** As {@link #create(String)}, with a chosen suffix, so a test can provoke a name clash. */
    static NetNs create(String purpose, String suffix) {
        if (!PURPOSE.matcher(purpose).matches() || purpose.length() > 20) {
            throw new IllegalArgumentException("purpose must match " + PURPOSE + " and be <= 20 chars: " + purpose);
        }
        if (!SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("suffix must be 6 lower-case hex digits: " + suffix);
        }
        NetNs ns = new NetNs("k4j-" + purpose + "-" + suffix, suffix);
        OPEN.add(ns);
        try {
            ns.build();
            return ns;
        } catch (RuntimeException | Error e) {
            try {
                ns.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private synchronized void build() {
        ip("netns", "add", name);
        namespaceCreated = true;
        ip("-n", name, "link", "set", "lo", "up");
        for (int i = 0; i < INTERFACES; i++) {
            String peer = hostPeer(i);
            // Created directly with its peer inside the namespace: no moment where eth<i> is on the host.
            ip("link", "add", peer, "type", "veth", "peer", "name", "eth" + i, "netns", name);
            createdPeers.add(peer);
            disableIpv6OnHost(peer);
            // The host end must be up too, or eth<i> has no carrier (NO-CARRIER, operstate DOWN).
            ip("link", "set", peer, "up");
            ip("-n", name, "link", "set", "eth" + i, "up");
        }
    }

    /** The namespace's name, for {@code ip -n NAME} or {@code ip netns exec NAME}. */
    public String name() {
        return name;
    }

    /** The host-side end of {@code eth<index>}'s veth pair, e.g. to attach it to a bridge. */
    public String hostPeer(int index) {
        if (index < 0 || index >= INTERFACES) {
            throw new IndexOutOfBoundsException("interface " + index + " of " + INTERFACES);
        }
        return "k4jv" + suffix + index;
    }

    /**
     * Runs {@code argv} inside the namespace ({@code ip netns exec NAME argv...}); kills it (and
     * whatever it started) if it is still running after {@code timeout}.
     */
    public ExecResult exec(List<String> argv, Duration timeout) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(argv);
        return Exec.run(command, timeout);
    }

    /** {@link #exec(List, Duration)} with a 10 s timeout. */
    public ExecResult exec(String... argv) {
        return exec(List.of(argv), DEFAULT_EXEC_TIMEOUT);
    }

    /**
     * Removes the host-side veths (which takes eth0..eth3 with them) and the namespace.
     * Idempotent; tries every step and reports all failures at the end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        List<String> failures = new ArrayList<>();
        // Links first, explicitly: the kernel tears a deleted namespace down asynchronously, so
        // its veths could otherwise still be visible on the host right after close().
        for (String peer : createdPeers.reversed()) {
            ExecResult r = Exec.run(List.of("ip", "link", "del", peer), IP_TIMEOUT);
            if (!r.ok()) {
                failures.add("ip link del " + peer + ": " + r.stderr().strip());
            }
        }
        if (namespaceCreated) {
            ExecResult r = Exec.run(List.of("ip", "netns", "del", name), IP_TIMEOUT);
            if (!r.ok()) {
                failures.add("ip netns del " + name + ": " + r.stderr().strip());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not fully remove " + name + ": " + failures);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        ExecResult r = Exec.run(argv, IP_TIMEOUT);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (exit " + r.exitCode()
                    + (r.timedOut() ? ", timed out" : "") + "): " + r.stderr().strip());
        }
    }

    // The host end would otherwise get a link-local address and send router solicitations and
    // MLD reports into the namespace, which shows up as noise in packet captures of eth<i>.
    private static void disableIpv6OnHost(String peer) {
        Path knob = Path.of("/proc/sys/net/ipv6/conf", peer, "disable_ipv6");
        if (Files.isWritable(knob)) {
            try {
                Files.writeString(knob, "1");
            } catch (IOException e) {
                throw new IllegalStateException("cannot disable IPv6 on " + peer, e);
            }
        }
    }
}
