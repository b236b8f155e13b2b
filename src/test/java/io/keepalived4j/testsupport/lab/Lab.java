package io.keepalived4j.testsupport.lab;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throw-away L2 segment of hosts, each in its own network namespace, for VRRP functional tests
 * with real daemons (keepalived, keepalived4j) that never touch the machine's own network.
 *
 * <pre>{@code
 * Root.assumeRootOrFailOnCi();
 * try (Lab lab = Lab.create("lb1", "lb2", "client")) {
 *     LabHost lb1 = lab.host("lb1");
 *     InetAddress vip = lab.vip4(1);          // 10.x.y.101, held by nobody yet
 * }
 * }</pre>
 *
 * <p>Namespace {@code k4j-lab-<6 hex>-sw} holds bridge {@code k4jb<hex>} (STP off, forward delay
 * 0, <b>multicast snooping off</b>: VRRP goes to 224.0.0.18 / ff02::12 and no host ever joins
 * by IGMP/MLD in a way a snooping bridge would learn, so snooping could drop adverts). Each host
 * {@code k4j-lab-<hex>-<name>} gets {@code eth0}, the peer of switch port {@code k4j<hex>pNN}, with
 * MAC {@code 02:6b:<hex>:NN} and the addresses of a random {@link LabAddressPlan}: IPv4
 * {@code 10.(64..127).x.(10+NN)/24}, IPv6 {@code fdXX:..::(0x10+NN)/64}.
 * All names are k4j-prefixed and at most 15 characters where the kernel limits them.
 * {@link #close()} removes everything, also after a half-done {@link #create}, and the lab
 * shutdown hook does it for a lab a test never closed.
 */
public final class Lab implements AutoCloseable {

    public static final int PREFIX4 = 24;
    public static final int PREFIX6 = 64;

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern HOST_NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");

    private final String id;
    private final String switchNs;
    private final String bridge;
    private final LabAddressPlan addresses = LabAddressPlan.random();
    private final Map<String, LabHost> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>(); // created, in order
    private int taps;
    private final Path workDir;
    private boolean closed;

    private Lab(String id) {
        this.id = id;
        this.switchNs = "k4j-lab-" + id + "-sw";
        this.bridge = "k4jb" + id;
        try {
            this.workDir = Files.createTempDirectory("k4j-lab-" + id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lab's work directory", e);
        }
    }

    /**
     * Creates the switch and one host per name, all links up and addressed.
     *
     * @param hostNames lower-case letters and digits, starting with a letter, at most 8 characters
     * @throws IllegalStateException when an {@code ip} command fails; nothing is left behind then
     */
    public static Lab create(String... hostNames) {
        if (hostNames.length == 0 || hostNames.length > 89) {
            throw new IllegalArgumentException("a lab needs 1..89 hosts, got " + hostNames.length);
        }
        for (String name : hostNames) {
            if (!HOST_NAME.matcher(name).matches() || name.equals("sw")) {
                throw new IllegalArgumentException("host name must match " + HOST_NAME + " and not be sw: " + name);
            }
        }
        Lab lab = new Lab(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6));
        LabCleanup.register(lab);
        try {
            lab.buildSwitch();
            for (String name : hostNames) {
                lab.buildHost(name);
            }
            return lab;
        } catch (RuntimeException | Error e) {
            try {
                lab.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private synchronized void buildSwitch() {
        run("ip", "netns", "add", switchNs);
        namespaces.add(switchNs);
        // No IPv6 on the switch: its ports would otherwise send router solicitations and MLD into the lab.
        sysctl(switchNs, "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        switchIp("link", "set", "lo", "up");
        switchIp("link", "add", bridge, "type", "bridge", "stp_state", "0", "forward_delay", "0", "mcast_snooping", "0");
        switchIp("link", "set", bridge, "up");
    }

    private synchronized void buildHost(String name) {
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("duplicate host " + name);
        }
        int index = hosts.size() + 1;
        String ns = "k4j-lab-" + id + "-" + name;
        String port = "k4j" + id + "p" + String.format("%02d", index); // 12 characters
        String mac = "02:6b:" + id.substring(0, 2) + ":" + id.substring(2, 4) + ":" + id.substring(4, 6) + ":"
                + String.format("%02x", index);
        LabHost host = new LabHost(this, name, ns, port, mac, addresses.host4(index), addresses.host6(index));
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        // Before eth0 exists, so it inherits them from "default": no DAD delay (addresses usable at
        // once, keepalived's IPv6 VIP not "tentative"), no RA/RS noise in captures.
        sysctl(ns, "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.accept_ra=0", "net.ipv6.conf.default.accept_ra=0",
                "net.ipv6.conf.default.router_solicitations=0");
        host.ip("link", "set", "lo", "up");
        // Created in the switch namespace with its peer directly in the host: nothing ever appears in ours.
        switchIp("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns);
        switchIp("link", "set", port, "master", bridge, "up");
        host.ip("link", "set", "eth0", "address", mac, "up");
        host.ip("addr", "add", host.address4().getHostAddress() + "/" + PREFIX4, "dev", "eth0");
        host.ip("-6", "addr", "add", host.address6().getHostAddress() + "/" + PREFIX6, "dev", "eth0", "nodad");
        hosts.put(name, host);
    }

    /** The host created under {@code name}. */
    public synchronized LabHost host(String name) {
        LabHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no host " + name + " in " + hosts.keySet());
        }
        return host;
    }

    /** All hosts, in creation order. */
    public synchronized List<LabHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** An IPv4 address in the lab's /24 that no host has: {@code 10.x.y.(100+n)}, n in 1..99. */
    public Inet4Address vip4(int n) {
        return addresses.vip4(n);
    }

    /** An IPv6 address in the lab's /64 that no host has: {@code prefix::(100+n)} (hex), n in 1..99. */
    public Inet6Address vip6(int n) {
        return addresses.vip6(n);
    }

    /**
     * IPv4 address n for a VM guest on the lab's segment (IpvsVm with {@link #addTap()}):
     * {@code 10.x.y.(200+n)}, n in 1..50, never a host's address or a VIP.
     */
    public Inet4Address guest4(int n) {
        return addresses.guest4(n);
    }

    /**
     * Adds a tap {@code k4j<id>tNN} on the lab's bridge, in the switch namespace, for a qemu guest
     * ({@code IpvsVm.script(...).netns(lab.switchNamespace()).tap(tap)}): the guest's eth0 is then
     * on the segment like a host's. Removed with the switch namespace on {@link #close()}, which
     * also kills a qemu still running there.
     */
    public synchronized String addTap() {
        String tap = "k4j" + id + "t" + String.format("%02d", ++taps); // 12 characters
        switchIp("tuntap", "add", "dev", tap, "mode", "tap");
        switchIp("link", "set", tap, "master", bridge, "up");
        return tap;
    }

    /** The namespace of the lab's bridge (and of its taps): where a guest's qemu runs. */
    public String switchNamespace() {
        return switchNs;
    }

    /** Where this lab's processes keep configs, logs, pid files and captures; deleted on close. */
    public Path workDir() {
        return workDir;
    }

    /** The random 6-hex id in every name of this lab. */
    public String id() {
        return id;
    }

    String bridge() {
        return bridge;
    }

    String switchIp(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", switchNs));
        argv.addAll(List.of(args));
        return check(argv, Exec.run(argv, IP_TIMEOUT));
    }

    /**
     * Kills whatever still runs in the lab's namespaces (all of it started by tests of this lab),
     * deletes the namespaces (host ends first; the switch namespace takes veths and bridge with
     * it) and the work directory. Idempotent; tries every step, reports all failures at the end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        for (String ns : namespaces.reversed()) {
            killLeftovers(ns, failures);
            ExecResult r = Exec.run(List.of("ip", "netns", "del", ns), IP_TIMEOUT);
            if (!r.ok()) {
                failures.add("ip netns del " + ns + ": " + r.stderr().strip());
            }
        }
        deleteTree(workDir, failures);
        LabCleanup.unregister(this);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not fully remove lab " + id + ": " + failures);
        }
    }

    // A process left in a namespace keeps it (and its VIPs, its VRRP adverts) alive after
    // "ip netns del"; these PIDs are ours, since nobody else enters a namespace with our random name.
    private static void killLeftovers(String ns, List<String> failures) {
        ExecResult pids = Exec.run(List.of("ip", "netns", "pids", ns), IP_TIMEOUT);
        for (String pid : pids.stdout().strip().split("\\s+")) {
            if (pid.isEmpty()) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                failures.add("killed leftover " + p.info().command().orElse("?") + " (pid " + pid + ") in " + ns);
                p.destroyForcibly();
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    failures.add("pid " + pid + " survived SIGKILL: " + e);
                }
            });
        }
    }

    private static void deleteTree(Path dir, List<String> failures) {
        if (Boolean.getBoolean("k4j.lab.keep")) {
            System.err.println("lab files kept in " + dir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            failures.add("delete " + dir + ": " + e);
        }
    }

    private void sysctl(String ns, String... settings) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w"));
        argv.addAll(List.of(settings));
        check(argv, Exec.run(argv, IP_TIMEOUT));
    }

    private static void run(String... argv) {
        check(List.of(argv), Exec.run(List.of(argv), IP_TIMEOUT));
    }

    static String check(List<String> argv, ExecResult r) {
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (exit " + r.exitCode()
                    + (r.timedOut() ? ", timed out" : "") + "): " + r.stderr().strip());
        }
        return r.stdout();
    }

    @Override
    public String toString() {
        return "lab " + id + " " + hosts.keySet();
    }
}
