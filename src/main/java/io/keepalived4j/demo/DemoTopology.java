package io.keepalived4j.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed tutorials' network (two load balancers, two real servers, a client on one L2 segment)
 * built from network namespaces, so that VRRP and ARP never leave this machine.
 *
 * <p>Namespace {@code k4j-demo-<hex>-sw} holds bridge {@code k4jd<hex>br}, STP off, forward
 * delay 0 and <b>multicast snooping off</b> (VRRP goes to 224.0.0.18 and a snooping bridge that
 * saw no IGMP report could drop it). Every host {@code k4j-demo-<hex>-<name>} gets {@code eth0},
 * whose peer is a port of that bridge: the bridge is never on the host, where it could carry the
 * demo's adverts onto a real LAN. Subnet {@code 10.(200..250).(0..255).0/24}, chosen at random so
 * that two demos (or a demo and a real network) do not collide.
 *
 * <pre>{@code
 * try (DemoTopology t = DemoTopology.create()) {
 *     Process p = t.start(t.host("lb1"), List.of("sleep", "60"));
 * }   // p killed, namespaces deleted
 * }</pre>
 *
 * <p>{@link #close()} kills (by PID) every process started through {@link #start}, then deletes
 * the namespaces; it also runs from a JVM shutdown hook, which SIGINT (Ctrl-C) and SIGTERM
 * trigger, and after a half-finished {@link #create()}.
 */
public final class DemoTopology implements AutoCloseable {

    static final List<String> HOSTS = List.of("lb1", "lb2", "rs1", "rs2", "client");
    private static final Map<String, Integer> HOST_NUMBER = Map.of("lb1", 11, "lb2", 12, "rs1", 21, "rs2", 22, "client", 31);

    private final String id;
    private final String prefix;
    private final String switchNs;
    private final String bridge;
    private final Map<String, DemoHost> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();
    private final DemoProcesses processes = new DemoProcesses();
    private final Thread hook;
    private Path workDir;
    private boolean closed;

    private DemoTopology(String id, int x, int y) {
        this.id = id;
        this.prefix = "10." + x + "." + y + ".";
        this.switchNs = "k4j-demo-" + id + "-sw";
        this.bridge = "k4jd" + id + "br";
        this.hook = Thread.ofPlatform().name("k4j-demo-cleanup").unstarted(this::close);
    }

    /** Builds switch and hosts; on failure removes what was built and rethrows. */
    public static DemoTopology create() {
        return create(HOSTS);
    }

    /** {@link #create()} with other host names (tests use a bad one to break the build half-way). */
    static DemoTopology create(List<String> hostNames) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        DemoTopology t = new DemoTopology(HexFormat.of().toHexDigits(r.nextInt(1 << 24), 6), r.nextInt(200, 251), r.nextInt(256));
        Runtime.getRuntime().addShutdownHook(t.hook);
        try {
            t.workDir = Files.createTempDirectory("k4j-demo-" + t.id + "-");
            t.buildSwitch();
            for (String name : hostNames) {
                t.buildHost(name);
            }
            return t;
        } catch (IOException e) {
            t.close();
            throw new UncheckedIOException("cannot create the demo's work directory", e);
        } catch (RuntimeException | Error e) {
            try {
                t.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private synchronized void buildSwitch() {
        addNamespace(switchNs);
        sysctl(switchNs, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        sw("link", "set", "lo", "up");
        sw("link", "add", bridge, "type", "bridge", "stp_state", "0", "forward_delay", "0", "mcast_snooping", "0");
        sw("link", "set", bridge, "up");
    }

    private synchronized void buildHost(String name) {
        int n = hosts.size() + 1;
        DemoHost h = new DemoHost(name, "k4j-demo-" + id + "-" + name, "k4jd" + id + "p" + n, prefix + HOST_NUMBER.getOrDefault(name, 40 + n),
                "02:6b:" + id.substring(0, 2) + ":" + id.substring(2, 4) + ":" + id.substring(4) + ":" + String.format("%02x", n));
        addNamespace(h.namespace());
        // IPv6 off in the hosts too: the demo is IPv4 and the timeline stays free of RS/MLD noise.
        sysctl(h.namespace(), "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        ip(h, "link", "set", "lo", "up");
        // Created inside the switch namespace with the peer put straight into the host: no veth
        // ever appears in the caller's namespace.
        sw("link", "add", h.port(), "type", "veth", "peer", "name", "eth0", "netns", h.namespace());
        sw("link", "set", h.port(), "master", bridge, "up");
        ip(h, "link", "set", "eth0", "address", h.mac(), "up");
        ip(h, "addr", "add", h.address() + "/24", "dev", "eth0");
        hosts.put(name, h);
    }

    private void addNamespace(String ns) {
        if (closed) {
            throw new IllegalStateException("demo topology " + id + " is closed");
        }
        IpCommand.check("ip", "netns", "add", ns);
        namespaces.add(ns);
    }

    /** The switch namespace, {@code k4j-demo-<id>-sw}, which holds the bridge. */
    public String switchNamespace() {
        return switchNs;
    }

    /** The bridge's name, {@code k4jd<id>br} (12 characters). */
    public String bridge() {
        return bridge;
    }

    /** The host of that role (see {@link #HOSTS}). */
    public synchronized DemoHost host(String name) {
        DemoHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host " + name + " in " + hosts.keySet());
        }
        return h;
    }

    /** The random id in every name: namespaces {@code k4j-demo-<id>-*}, links {@code k4jd<id>*}. */
    public String id() {
        return id;
    }

    /** {@code 10.x.y.} of the demo's /24; the VIP is {@code prefix + "100"}. */
    public String prefix() {
        return prefix;
    }

    /** Where the node configs live while the demo runs; deleted by {@link #close()}. */
    public synchronized Path workDir() {
        return workDir;
    }

    /** Runs {@code ip -n NS args...} in the host's namespace. */
    public String ip(DemoHost h, String... args) {
        return IpCommand.check(ipArgv(h.namespace(), args));
    }

    /** Sets {@code key=value} sysctls in the host's namespace (net.* sysctls are per namespace). */
    public void sysctl(DemoHost h, String... settings) {
        sysctl(h.namespace(), settings);
    }

    private static void sysctl(String ns, String... settings) {
        String[] argv = new String[6 + settings.length];
        System.arraycopy(new String[] {"ip", "netns", "exec", ns, "sysctl", "-qw"}, 0, argv, 0, 6);
        System.arraycopy(settings, 0, argv, 6, settings.length);
        IpCommand.check(argv);
    }

    /** The host's switch port goes down (its eth0 loses carrier: the cable is pulled) or up. */
    public void cable(DemoHost h, boolean up) {
        sw("link", "set", h.port(), up ? "up" : "down");
    }

    private String sw(String... args) {
        return IpCommand.check(ipArgv(switchNs, args));
    }

    private static String[] ipArgv(String ns, String... args) {
        String[] argv = new String[3 + args.length];
        argv[0] = "ip";
        argv[1] = "-n";
        argv[2] = ns;
        System.arraycopy(args, 0, argv, 3, args.length);
        return argv;
    }

    /**
     * Starts {@code ip netns exec NS command...} (iproute2 execs the command, so the PID is the
     * command's own), stdout and stderr merged; {@link #close()} will stop it.
     */
    public synchronized Process start(DemoHost h, List<String> command) {
        if (closed) {
            throw new IllegalStateException("demo topology " + id + " is closed");
        }
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", h.namespace()));
        argv.addAll(command);
        try {
            return processes.add(new ProcessBuilder(argv).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
    }

    private void deleteWorkDir(List<String> failures) {
        if (workDir == null) {
            return;
        }
        try (var files = Files.list(workDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            failures.add("cannot delete " + workDir + ": " + e.getMessage());
        }
    }

    /**
     * Stops every started process (SIGTERM, then SIGKILL after 5 s), then deletes the host
     * namespaces and the switch namespace, which takes bridge and veths with it, and the work
     * directory. Idempotent;
     * tries every step and reports all failures together.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>(processes.stopAll());
        for (String ns : namespaces.reversed()) {
            IpCommand.Result r = IpCommand.run("ip", "netns", "del", ns);
            if (!r.ok()) {
                failures.add("ip netns del " + ns + ": " + r.output().strip());
            }
        }
        namespaces.clear();
        deleteWorkDir(failures);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and runs the hook anyway; it finds the topology closed.
            }
        }
        if (Thread.currentThread() == hook) {
            System.err.println("keepalived4j demo: stopped; processes killed, namespaces k4j-demo-" + id + "-* deleted"
                    + (failures.isEmpty() ? "." : ", except: " + String.join("; ", failures)));
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("demo cleanup incomplete: " + String.join("; ", failures));
        }
    }
}
