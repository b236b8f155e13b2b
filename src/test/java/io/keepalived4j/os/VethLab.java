package io.keepalived4j.os;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two namespaces {@code k4jra<hex>} and {@code k4jrb<hex>} joined by one veth pair
 * {@code k4ja<hex>} (10.79.0.1/24, MAC 02:00:00:79:00:01) / {@code k4jb<hex>} (10.79.0.2/24,
 * 02:00:00:79:00:02), with DAD off so the EUI-64 link-local addresses are usable at once.
 * Nothing is on the host; {@link #close()} deletes both namespaces, which takes the veths along.
 */
final class VethLab implements AutoCloseable {

    static final InetAddress A4 = InetAddress.ofLiteral("10.79.0.1");
    static final InetAddress B4 = InetAddress.ofLiteral("10.79.0.2");
    static final byte[] MAC_A = HexFormat.of().parseHex("020000790001");
    static final byte[] MAC_B = HexFormat.of().parseHex("020000790002");

    // Labs not yet closed; the hook removes them if the JVM exits early (e.g. a surefire timeout).
    private static final Set<VethLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("k4j-vethlab-cleanup").unstarted(() -> {
            for (VethLab lab : List.copyOf(OPEN)) {
                try {
                    lab.close();
                } catch (RuntimeException e) {
                    System.err.println("VethLab cleanup: " + e.getMessage());
                }
            }
        }));
    }

    final String nsA;
    final String nsB;
    final String ifA;
    final String ifB;
    private final List<String> created = new ArrayList<>();

    private VethLab(String suffix) {
        nsA = "k4jra" + suffix;
        nsB = "k4jrb" + suffix;
        ifA = "k4ja" + suffix;
        ifB = "k4jb" + suffix;
    }

    static VethLab create() {
        VethLab lab = new VethLab(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6));
        OPEN.add(lab);
        try {
            lab.build();
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void build() {
        for (String ns : List.of(nsA, nsB)) {
            Cmd.run("ip", "netns", "add", ns);
            created.add(ns);
            Cmd.run("ip", "-n", ns, "link", "set", "lo", "up");
            // Inherited by interfaces created in the namespace: no DAD, addresses usable at once.
            Cmd.run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
        }
        Cmd.run("ip", "-n", nsA, "link", "add", ifA, "address", "02:00:00:79:00:01", "type", "veth",
                "peer", "name", ifB, "address", "02:00:00:79:00:02", "netns", nsB);
        Cmd.run("ip", "-n", nsA, "addr", "add", "10.79.0.1/24", "dev", ifA);
        Cmd.run("ip", "-n", nsB, "addr", "add", "10.79.0.2/24", "dev", ifB);
        Cmd.run("ip", "-n", nsA, "link", "set", ifA, "up");
        Cmd.run("ip", "-n", nsB, "link", "set", ifB, "up");
        awaitLinkLocal(nsA, ifA);
        awaitLinkLocal(nsB, ifB);
    }

    /** Runs {@code action} inside namespace A (sockets opened there stay there). */
    <T> T inA(Callable<T> action) throws Exception {
        return NetworkNamespace.call(nsA, action);
    }

    <T> T inB(Callable<T> action) throws Exception {
        return NetworkNamespace.call(nsB, action);
    }

    Inet6Address linkLocalA() throws Exception {
        return inA(() -> NetworkInterfaces.ipv6LinkLocal(ifA).orElseThrow());
    }

    Inet6Address linkLocalB() throws Exception {
        return inB(() -> NetworkInterfaces.ipv6LinkLocal(ifB).orElseThrow());
    }

    private void awaitLinkLocal(String ns, String ifname) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                Optional<Inet6Address> ll = NetworkNamespace.call(ns, () -> NetworkInterfaces.ipv6LinkLocal(ifname));
                if (ll.isPresent() && !Cmd.run("ip", "-n", ns, "-6", "addr", "show", "dev", ifname).contains("tentative")) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException("waiting for the link-local address of " + ifname, e);
        }
        throw new IllegalStateException("no link-local address on " + ifname + " after 5 s");
    }

    @Override
    public synchronized void close() {
        OPEN.remove(this);
        List<String> failures = new ArrayList<>();
        for (String ns : created.reversed()) {
            try {
                Cmd.run("ip", "netns", "del", ns);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        created.clear();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("lab cleanup failed: " + failures);
        }
    }
}
